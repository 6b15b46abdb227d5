import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { apiKeyPrefix } from "../auth/api-key-verifier.js";

// wbk_ + 16 hex digits of key id + _ + 43 base64url characters of secret (32 bytes). The secret's
// alphabet has `_` in it too, so the parts are told apart by their lengths, not by splitting.
const credentialPattern = /^wbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The two parts of a credential `wbk_<key_id>_<secret>`. */
export interface ApiKeyCredential {
  /** The key's public id (16 lower-case hex digits). */
  readonly keyId: string;
  /** The secret part (32 random bytes, base64url without padding). */
  readonly secret: string;
}

/**
 * Splits a credential into key id and secret, or `undefined` when it is not exactly
 * `wbk_<16 hex digits>_<43 base64url characters>`.
 *
 * @example
 * parseApiKeyCredential("wbk_0123456789abcdef_" + "A".repeat(43)); // { keyId: "0123456789abcdef", secret: "AAA…" }
 */
export function parseApiKeyCredential(bearer: string): ApiKeyCredential | undefined {
  const match = credentialPattern.exec(bearer);
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : undefined;
}

/** Writes a credential from its parts (the inverse of {@link parseApiKeyCredential}). */
export function formatApiKeyCredential(credential: ApiKeyCredential): string {
  return `${apiKeyPrefix}${credential.keyId}_${credential.secret}`;
}

/** A fresh credential: a random 64-bit key id and a random 256-bit secret. */
export function newApiKeyCredential(): ApiKeyCredential {
  return { keyId: randomBytes(8).toString("hex"), secret: randomBytes(32).toString("base64url") };
}

/**
 * The SHA-256 of a secret, as stored. A plain fast hash is enough here: the secret is 256 random
 * bits, so there is no dictionary to try and a slow password hash (bcrypt, scrypt) would only
 * slow down every call that verifies a key.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function apiKeySecretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashApiKeySecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
