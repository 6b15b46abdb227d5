import { type CleanedEnv, cleanEnv, EnvMissingError, type ValidatorSpec } from "envalid";
import { ConfigError } from "./config-error.js";

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The variables of a settings group: an envalid validator per name, with its default and description. */
export type SettingSpecs = Readonly<Record<string, ValidatorSpec<unknown>>>;

/** One variable as `--help` and the configuration reference show it. */
export interface SettingDoc {
  readonly name: string;
  /** The default as text, `required in production` or `required`. */
  readonly default: string;
  readonly description: string;
}

/**
 * A group of settings read from the environment: the kit's own, or one service's. Each service
 * definition declares its group, so the kit never lists a service's variables.
 */
export interface SettingsDefinition<Settings> {
  /** The variables and how each is validated, for reading and for documentation. */
  readonly variables: SettingSpecs;
  /** Reads and validates the variables; throws {@link ConfigError} naming the first bad one. */
  read(env: Environment): Settings;
}

/**
 * Declares a settings group: envalid validators by variable name, and the typed settings built
 * from the cleaned values. `NODE_ENV` unset counts as development, so a `devDefault` applies
 * unless `NODE_ENV=production`.
 *
 * @example
 * const fleetSettings = defineSettings(
 *   { FLEET_TICK_MS: integer(5, 60_000)({ default: 200, desc: "how often due flight steps are looked for" }) },
 *   (values) => ({ tickMs: values.FLEET_TICK_MS }),
 * );
 * fleetSettings.read(process.env).tickMs;
 */
export function defineSettings<Specs extends Record<string, ValidatorSpec<unknown>>, Settings>(
  variables: Specs,
  shape: (values: CleanedEnv<Specs>, env: Environment) => Settings,
): SettingsDefinition<Settings> {
  return {
    variables,
    read(env) {
      const values = cleanEnv({ NODE_ENV: "development", ...env }, variables, {
        reporter: ({ errors }) => {
          const name = Object.keys(variables).find((key) => errors[key] !== undefined);
          if (name === undefined) return;
          const error = errors[name];
          if (error instanceof EnvMissingError) {
            const productionOnly = Object.hasOwn(variables[name] ?? {}, "devDefault");
            throw new ConfigError(name, productionOnly ? "must be set when NODE_ENV=production" : "must be set");
          }
          throw new ConfigError(name, error?.message ?? "is not valid");
        },
      });
      return shape(values, env);
    },
  };
}

/** The documentation of each variable of `definition`, in declaration order. */
export function describeSettings(definition: SettingsDefinition<unknown>): readonly SettingDoc[] {
  return Object.entries(definition.variables).map(([name, spec]) => ({
    name,
    default: describeDefault(spec),
    description: spec.desc ?? "",
  }));
}

function describeDefault(spec: ValidatorSpec<unknown>): string {
  if (Object.hasOwn(spec, "default")) return spec.default === undefined ? "unset" : showValue(spec.default);
  if (Object.hasOwn(spec, "devDefault")) {
    return spec.devDefault === undefined
      ? "unset (required in production)"
      : "a development value (required in production)";
  }
  return "required";
}

function showValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "empty" : value.join(",");
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? "none" : entries.map(([key, item]) => `${key}=${String(item)}`).join(",");
  }
  return String(value);
}
