import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Keys page tokens are signed with, derived from the process's `AUTH_SECRET`s (usually one; a
 * test process may run several Waybills). Module state because tokens are written and read deep in
 * every service's list operations; every service registers its secret when it is built (see
 * `defineService`), before it serves a list.
 */
const keys: Buffer[] = [];

/**
 * Signs page tokens with a key derived from `secret` (the process's `AUTH_SECRET`) from now on, and
 * accepts tokens signed with it. Replicas sharing the secret read each other's tokens.
 */
export function usePageTokenSecret(secret: string): void {
  const key = createHmac("sha256", secret).update("waybill page tokens v1").digest();
  if (!keys.some((known) => known.equals(key))) keys.push(key);
}

/** The signature of a token's payload, with the last registered key. */
export function signPageToken(payload: string): string {
  const key = keys.at(-1);
  if (!key) throw new Error("page tokens have no signing key - usePageTokenSecret was never called");
  return mac(key, payload);
}

/** Whether `signature` is the signature of `payload` under any registered key (in constant time). */
export function isPageTokenSigned(payload: string, signature: string): boolean {
  const given = Buffer.from(signature, "base64url");
  return keys.some((key) => {
    const expected = Buffer.from(mac(key, payload), "base64url");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** HMAC-SHA256 cut to 128 bits: enough against forgery, short in a URL. */
function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest().subarray(0, 16).toString("base64url");
}
