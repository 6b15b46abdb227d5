/**
 * Prints a bearer token for the configured AUTH_SECRET, alone on its last line.
 *
 *   npm run token -- --role admin
 *   npm run token -- --role brand --brand acme
 *   npm run token -- --role customer --subject 6f1c...   (the customer id)
 *   npm run token -- --role service --ttl 3600
 */
import { parseArgs } from "node:util";
import { createTokenIssuer, type RoleName, roleNames } from "../services/kit/auth/index.js";
import { ConfigError, loadConfig } from "../services/kit/config/index.js";

function fail(message: string): never {
  console.error(`token: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    brand: { type: "string" },
    subject: { type: "string" },
    ttl: { type: "string", default: "86400" },
  },
  strict: true,
});

const role = values.role;
if (!role || !(roleNames as readonly string[]).includes(role)) fail(`--role must be one of ${roleNames.join(", ")}`);
if ((role === "brand" || role === "partner") && !values.brand) fail(`--role ${role} needs --brand <brand id>`);
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) fail("--ttl must be a positive number of seconds");

let secret: string;
try {
  secret = loadConfig(process.env).authSecret;
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const token = await createTokenIssuer(secret).sign(
  {
    subject: values.subject ?? `${role}-cli`,
    role: role as RoleName,
    ...(values.brand ? { brandId: values.brand } : {}),
  },
  ttl,
);
console.log(token);
