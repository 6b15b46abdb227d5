/**
 * A configuration value that cannot be used. The message names the variable, the value and what
 * would be accepted, so it can be printed as it is.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    /** The environment variable or flag at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}
