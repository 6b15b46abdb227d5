import { environmentGroups } from "./environment-help.js";
import { describeSettings } from "./kit/config/index.js";

/** Where the configuration reference is kept; `npm run docs` writes it, a test keeps it fresh. */
export const configurationDocPath = "docs/configuration.md";

/** Escapes a table cell. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/**
 * The configuration reference as Markdown, written from the settings every group declares (the
 * process's, the peers' and each service's), so it cannot drift from what Waybill reads.
 */
export function configurationMarkdown(): string {
  const lines = [
    "# Configuration",
    "",
    "<!-- Written by `npm run docs` from the settings each service declares; do not edit by hand. -->",
    "",
    "Waybill reads its configuration from environment variables once at start; a bad value stops the",
    "start with one line naming the variable. `npm start -- --help` prints the same list.",
    "`NODE_ENV=production` refuses the development conveniences (the development token secret, mail",
    "written to a folder, the in-process ad platform simulator, the development sign-in). Standard",
    "`OTEL_*` variables configure OpenTelemetry export.",
  ];
  for (const group of environmentGroups()) {
    const docs = describeSettings(group.settings);
    if (docs.length === 0) continue;
    lines.push("", `## ${group.title}`, "", "| variable | default | meaning |", "|---|---|---|");
    for (const doc of docs) lines.push(`| \`${doc.name}\` | \`${cell(doc.default)}\` | ${cell(doc.description)} |`);
  }
  return `${lines.join("\n")}\n`;
}
