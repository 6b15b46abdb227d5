import { createTokenIssuer } from "../services/kit/auth/index.js";
import { ConfigError, waybillSettings } from "../services/kit/config/index.js";

/** Where the bearer token may come from, flags before the environment. */
export interface CredentialSources {
  /** `--token`. */
  readonly token?: string;
  /** `--secret`: Waybill's AUTH_SECRET, to sign a token here. */
  readonly secret?: string;
  /** The environment: WAYBILL_TOKEN, AUTH_SECRET, NODE_ENV. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The token the load sends, and how it was obtained (for the report). */
export interface ResolvedToken {
  readonly token: string;
  readonly source: "--token" | "WAYBILL_TOKEN" | "--secret" | "AUTH_SECRET" | "development secret";
}

/** The subject of tokens the load signs itself: Waybill scopes PlaceOrder keys by it. */
export const loadSubject = "waybill-load";

/** A credential problem the command line reports as a usage error. */
export class CredentialError extends Error {
  override readonly name = "CredentialError";
}

/**
 * Picks the token: `--token`, else an admin token signed with `--secret`, else WAYBILL_TOKEN,
 * else one signed with AUTH_SECRET, else (as `npm start` and `npm run token` do outside
 * production) one signed with the development secret. A secret is checked as Waybill checks it.
 */
export async function resolveToken(sources: CredentialSources): Promise<ResolvedToken> {
  if (sources.token !== undefined) return { token: sources.token, source: "--token" };
  if (sources.secret !== undefined) {
    return { token: await signAdmin(sources.secret, "--secret", sources.env), source: "--secret" };
  }
  const fromEnv = sources.env.WAYBILL_TOKEN;
  if (fromEnv) return { token: fromEnv, source: "WAYBILL_TOKEN" };
  const secret = sources.env.AUTH_SECRET;
  if (secret) return { token: await signAdmin(secret, "AUTH_SECRET", sources.env), source: "AUTH_SECRET" };
  return { token: await signAdmin(undefined, "AUTH_SECRET", sources.env), source: "development secret" };
}

async function signAdmin(
  secret: string | undefined,
  name: string,
  environment: CredentialSources["env"],
): Promise<string> {
  return createTokenIssuer(checkedAuthSecret(secret, name, environment)).sign({ subject: loadSubject, role: "admin" });
}

/**
 * `secret` checked as Waybill checks AUTH_SECRET, or (undefined, outside production) the
 * development secret `npm start` uses; a {@link CredentialError} naming `name`, ending with
 * `advice`, when it is not valid.
 */
export function checkedAuthSecret(
  secret: string | undefined,
  name: string,
  environment: CredentialSources["env"],
  advice = "pass --token or WAYBILL_TOKEN, or Waybill's secret with --secret or AUTH_SECRET",
): string {
  try {
    const env = {
      ...(environment.NODE_ENV === undefined ? {} : { NODE_ENV: environment.NODE_ENV }),
      ...(secret === undefined ? {} : { AUTH_SECRET: secret }),
    };
    return waybillSettings.read(env).authSecret;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const why = secret === undefined ? "no token given" : `${name} is not a valid secret`;
    throw new CredentialError(`${why} (${error.message}); ${advice}`);
  }
}
