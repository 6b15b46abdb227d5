import { Code, ConnectError } from "@connectrpc/connect";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { ApiKeyVerifier } from "../auth/api-key-verifier.js";
import type { Principal } from "../auth/principal.js";
import { InvalidTokenError } from "../auth/tokens.js";
import type { AccessDatabase } from "./access-database.js";
import { apiKeySecretMatches, parseApiKeyCredential } from "./api-key-credential.js";
import { type ApiKeyRow, findApiKey, touchApiKey } from "./api-key-store.js";

/** A verifier that keeps keys it found valid for a moment, and can be told to drop one. */
export interface CachingApiKeyVerifier extends ApiKeyVerifier {
  /** Drops a key from this process's cache (after its revocation), so the next call reads it again. */
  forget(keyId: string): void;
}

/** Options of {@link createApiKeyVerifier}. */
export interface ApiKeyVerifierOptions {
  /** The database scoped to the `access` schema. */
  readonly db: Kysely<AccessDatabase>;
  /** The clock expiry and use times are read from. */
  readonly now: () => Date;
  readonly logger: Logger;
  /** How long a valid key is answered from memory (default and maximum 5,000 ms). */
  readonly cacheMs?: number;
}

/** Answers every key that fails for a reason its holder must not learn from a guess. */
const notValid = "API key is not valid (revoked, expired or unknown)";
const maxCacheMs = 5_000;
const maxCached = 10_000;
/** Uses are written at most this often per key (`last_used_time`). */
const touchIntervalMs = 60_000;
/** A lookup the database has not answered by then is UNAVAILABLE, not a call held for the pool's timeout. */
const lookupTimeoutMs = 2_000;

/**
 * Verifies `wbk_` credentials against `access.api_keys`. A key found valid is kept in memory for
 * at most `cacheMs`, so a busy partner costs a read every few seconds rather than one per call:
 * a revocation therefore takes effect at once in the process that revoked it (see `forget`) and
 * within `cacheMs` in the others. The secret is checked against the stored hash on every call,
 * cached or not; only valid keys are cached, so an unknown or revoked key is always read again.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): CachingApiKeyVerifier {
  const { db, now, logger } = options;
  const cacheMs = Math.min(options.cacheMs ?? maxCacheMs, maxCacheMs);
  const cache = new Map<string, { readonly row: ApiKeyRow; readonly until: number; lastUsed: number }>();
  // When this process last revoked each key: a lookup that began before it may have read the key
  // as it was before the revocation committed, and must not be kept.
  const forgotten = new Map<string, number>();

  const cachedEntry = (keyId: string) => {
    const cached = cache.get(keyId);
    return cached && cached.until > Date.now() ? cached : undefined;
  };

  async function read(keyId: string) {
    const cached = cachedEntry(keyId);
    if (cached) return cached;
    cache.delete(keyId);
    const started = Date.now();
    let row: ApiKeyRow | undefined;
    try {
      row = await withTimeout(findApiKey(db, keyId), lookupTimeoutMs);
    } catch (error) {
      logger.warn({ err: error }, "API key lookup failed");
      throw new ConnectError("API keys cannot be checked right now - try again", Code.Unavailable);
    }
    const revokedHere = forgotten.get(keyId);
    if (!row || row.revoked_at || (revokedHere !== undefined && revokedHere >= started)) {
      return row && { row, until: 0, lastUsed: 0 };
    }
    if (cache.size >= maxCached) cache.clear();
    const entry = { row, until: Date.now() + cacheMs, lastUsed: row.last_used_at?.getTime() ?? 0 };
    cache.set(keyId, entry);
    return entry;
  }

  return {
    async verify(credential) {
      const parsed = parseApiKeyCredential(credential);
      if (!parsed) {
        throw new InvalidTokenError("API key is malformed - expected wbk_<16 hex digits>_<43 base64url characters>");
      }
      const entry = await read(parsed.keyId);
      // Only the holder of the secret learns why a key it holds stopped working.
      if (!entry || !apiKeySecretMatches(parsed.secret, entry.row.secret_sha256)) throw new InvalidTokenError(notValid);
      const { row } = entry;
      const at = now();
      if (row.revoked_at) throw new InvalidTokenError("API key has been revoked");
      if (row.expires_at && row.expires_at.getTime() <= at.getTime()) {
        throw new InvalidTokenError("API key has expired");
      }
      if (at.getTime() - entry.lastUsed >= touchIntervalMs) {
        entry.lastUsed = at.getTime();
        // A use that cannot be recorded must not refuse, nor hold, the call.
        touchApiKey(db, row.key_id, at, touchIntervalMs).catch((error: unknown) =>
          logger.warn({ err: error, keyId: row.key_id }, "recording an API key's use failed"),
        );
      }
      const principal: Principal = {
        subject: `key:${row.key_id}`,
        role: row.role,
        brandId: row.brand_id,
        apiKeyId: row.key_id,
      };
      return principal;
    },
    wouldLookUp(credential) {
      const parsed = parseApiKeyCredential(credential);
      return parsed !== undefined && cachedEntry(parsed.keyId) === undefined;
    },
    forget(keyId) {
      cache.delete(keyId);
      const at = Date.now();
      forgotten.set(keyId, at);
      // A tombstone matters only to lookups under way, which the timeout bounds.
      for (const [id, time] of forgotten) if (at - time > lookupTimeoutMs) forgotten.delete(id);
    },
  };
}

/** `work`, or a rejection once `ms` have passed without its answer. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
