import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { type AccessDatabase, accessSchema } from "./access-database.js";
import { type CachingApiKeyVerifier, createApiKeyVerifier } from "./api-key-verifier.js";

/**
 * A process's API keys: the `access` schema, and the verifier every service's auth uses. Its
 * handlers (`createApiKeyHandlers`) share the verifier, so that a revocation is felt at once in
 * the process that made it.
 */
export interface ApiKeys {
  /** The database scoped to the `access` schema. */
  readonly db: Kysely<AccessDatabase>;
  readonly verifier: CachingApiKeyVerifier;
  /** The clock of issue, revoke and expiry times. */
  readonly now: () => Date;
}

/**
 * Builds {@link ApiKeys} over the process's database (the `access` schema must be migrated:
 * `accessMigrations`).
 *
 * @example
 * const apiKeys = createApiKeys({ database, now: () => new Date(), logger });
 * const principal = await principalOfBearer(tokens, header, apiKeys.verifier);
 */
export function createApiKeys(options: {
  readonly database: Kysely<unknown>;
  readonly now: () => Date;
  readonly logger: Logger;
}): ApiKeys {
  const db = options.database.withSchema(accessSchema) as unknown as Kysely<AccessDatabase>;
  return { db, now: options.now, verifier: createApiKeyVerifier({ db, now: options.now, logger: options.logger }) };
}
