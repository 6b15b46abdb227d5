import { ConfigError } from "./config-error.js";
import type { Environment, SettingsDefinition } from "./settings.js";
import { peerSettings, waybillSettings } from "./waybill-settings.js";

/** The process's settings, as {@link waybillSettings} reads them. */
export type WaybillSettings = ReturnType<typeof waybillSettings.read>;

/**
 * Process configuration, read from the environment once at start (see {@link loadConfig}) and
 * passed down explicitly; nothing else reads `process.env`. Services read their own settings.
 */
export interface WaybillConfig extends Omit<WaybillSettings, "services"> {
  /** Names of the services this process runs (`--service` or `SERVICES`; all by default). */
  readonly services: readonly string[];
  /** Where each known service answers when it does not run in this process (`<SERVICE>_URL`). */
  readonly peerUrls: Readonly<Record<string, string>>;
}

/** Command-line overrides: `--service` (repeatable) and `--port`. */
export interface ConfigOverrides {
  readonly services?: readonly string[];
  readonly port?: string;
}

/** What loading needs to know of a service: its name and its settings. */
export interface ConfigurableService {
  readonly name: string;
  readonly settings: SettingsDefinition<unknown>;
}

/**
 * Reads and validates the configuration of a process running some of `catalog`: the process's
 * own variables, the services chosen, their peers' URLs, and the settings of every service that
 * will run (read here only to fail before anything connects). Throws {@link ConfigError} naming
 * the first bad value.
 *
 * @example
 * const config = loadConfig(process.env, { services: ["orders"], port: "8082" }, serviceDefinitions);
 */
export function loadConfig(
  env: Environment,
  overrides: ConfigOverrides,
  catalog: readonly ConfigurableService[],
): WaybillConfig {
  const settings = waybillSettings.read(overrides.port === undefined ? env : { ...env, PORT: overrides.port });
  const chosen = overrides.services?.length
    ? chooseServices(overrides.services, catalog, "--service")
    : chooseServices(settings.services, catalog, "SERVICES");
  for (const service of chosen) service.settings.read(env);
  return {
    ...settings,
    services: chosen.map((service) => service.name),
    peerUrls: peerSettings(catalog.map((service) => service.name)).read(env),
  };
}

function chooseServices(
  names: readonly string[],
  catalog: readonly ConfigurableService[],
  variable: string,
): readonly ConfigurableService[] {
  if (names.length === 0) return catalog;
  const known = catalog.map((service) => service.name);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new ConfigError(variable, `"${unknown}" is not one of ${known.join(", ")}`);
  return catalog.filter((service) => names.includes(service.name));
}
