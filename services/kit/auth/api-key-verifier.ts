import type { Principal } from "./principal.js";

/** What every API key credential starts with, telling it apart from a JWT (which starts `eyJ`). */
export const apiKeyPrefix = "wbk_";

/**
 * Checks API key credentials (`wbk_<key_id>_<secret>`) for {@link principalOfBearer}. The kit's
 * `api-keys` module implements it over the `access` schema; the auth code only knows this shape.
 */
export interface ApiKeyVerifier {
  /**
   * The principal of a credential that starts with {@link apiKeyPrefix}; throws
   * `InvalidTokenError` when it is malformed, unknown, revoked or expired.
   */
  verify(credential: string): Promise<Principal>;
  /**
   * Whether verifying `credential` would read the database: a well-formed key not held in memory.
   * The request gate charges such a call to its address's rate limit first, so made-up keys
   * cannot turn into unlimited queries.
   */
  wouldLookUp(credential: string): boolean;
}
