import { serviceDefinitions } from "./definitions.js";
import { describeSettings, peerSettings, type SettingsDefinition, waybillSettings } from "./kit/config/index.js";

/** Every environment variable Waybill reads, grouped as `--help` shows them. */
export function environmentGroups(): readonly {
  readonly title: string;
  readonly settings: SettingsDefinition<unknown>;
}[] {
  return [
    { title: "the process, whatever it runs", settings: waybillSettings },
    {
      title: "peers: services in other processes",
      settings: peerSettings(serviceDefinitions.map((definition) => definition.name)),
    },
    ...serviceDefinitions.map((definition) => ({ title: definition.name, settings: definition.settings })),
  ];
}

/** The variables as help text: one line each, `NAME (default) description`. */
export function environmentHelp(): string {
  const lines = ["", "Environment variables (see docs/configuration.md):"];
  for (const group of environmentGroups()) {
    const docs = describeSettings(group.settings);
    if (docs.length === 0) continue;
    lines.push("", `  ${group.title}:`);
    for (const doc of docs) lines.push(`    ${doc.name} (default: ${doc.default})`, `        ${doc.description}`);
  }
  lines.push("", "OTEL_* variables configure OpenTelemetry export as usual.");
  return lines.join("\n");
}
