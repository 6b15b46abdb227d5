/**
 * Prints a bearer token for the configured AUTH_SECRET, alone on its last line.
 *
 *   npm run token -- --role admin
 *   npm run token -- --role brand --brand acme
 *   npm run token -- --role customer --subject 6f1c...   (the customer id)
 *   npm run token -- --role service --ttl 3600
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { createTokenIssuer, type RoleName, roleNames } from "../services/kit/auth/index.js";
import { ConfigError, waybillSettings } from "../services/kit/config/index.js";

function positiveSeconds(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError("must be a positive number of seconds");
  return value;
}

const program = new Command("npm run token --")
  .description("Prints a bearer token signed with AUTH_SECRET (the development secret when unset).")
  .addOption(new Option("--role <role>", "the principal's role").choices(roleNames).makeOptionMandatory())
  .option("--brand <brand id>", "the brand a brand or partner token is bound to")
  .option("--subject <id>", "the principal's id: a customer's or courier's id (default <role>-cli)")
  .option("--ttl <seconds>", "lifetime of the token", positiveSeconds, 86_400)
  .showHelpAfterError("(run with --help for usage)");

const options = program.parse().opts<{ role: RoleName; brand?: string; subject?: string; ttl: number }>();
if ((options.role === "brand" || options.role === "partner") && !options.brand) {
  program.error(`--role ${options.role} needs --brand <brand id>`);
}
function readSettings() {
  try {
    return waybillSettings.read(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return program.error(error.message);
  }
}
const { authSecret, tokenMaxLifetimeSeconds } = readSettings();
if (options.ttl > tokenMaxLifetimeSeconds) {
  program.error(
    `--ttl ${options.ttl} is longer than the ${tokenMaxLifetimeSeconds} s a token may live (TOKEN_MAX_LIFETIME_SECONDS)`,
  );
}
const token = await createTokenIssuer(authSecret, { maxLifetimeSeconds: tokenMaxLifetimeSeconds }).sign(
  {
    subject: options.subject ?? `${options.role}-cli`,
    role: options.role,
    ...(options.brand ? { brandId: options.brand } : {}),
  },
  options.ttl,
);
console.log(token);
