import { hkdfSync } from "node:crypto";

/** One key of `WEBHOOK_SECRET_KEY`: its id (stored with every secret it seals) and 32 bytes. */
export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The keys webhook secrets are sealed with: the first seals, every one opens. */
export interface SecretKeyRing {
  /** The key new and re-sealed secrets are sealed with. */
  readonly current: SecretKey;
  /** Every key by id, the current one included. */
  readonly byId: ReadonlyMap<string, Buffer>;
}

/** A key id: short, and free of the separators a sealed secret uses. */
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
/** AES-256 takes 32 bytes. */
const keyBytes = 32;

/**
 * Parses `WEBHOOK_SECRET_KEY`: comma-separated `id:key` pairs, each key 32 bytes in base64 (or
 * base64url). The first pair seals; all of them open, so a key is rotated by putting a new one
 * first and keeping the old ones until nothing is sealed with them. Messages never echo a key.
 *
 * @example
 * parseSecretKeys("2025b:9x...=,2025a:Qm...=").current.id; // "2025b"
 */
export function parseSecretKeys(text: string): SecretKeyRing {
  const pairs = text
    .split(",")
    .map((pair) => pair.trim())
    .filter((pair) => pair !== "");
  if (pairs.length === 0) throw new Error("must list at least one id:key pair");
  const keys = pairs.map((pair, index): SecretKey => {
    const colon = pair.indexOf(":");
    const id = colon < 0 ? "" : pair.slice(0, colon);
    if (!keyIdPattern.test(id))
      throw new Error(`pair ${index + 1} must be id:key with an id of letters, digits, _ or - (at most 32)`);
    const key = Buffer.from(pair.slice(colon + 1), "base64");
    if (key.length !== keyBytes) throw new Error(`key ${id} must be ${keyBytes} bytes in base64`);
    return { id, key };
  });
  const byId = new Map(keys.map((key) => [key.id, key.key]));
  if (byId.size !== keys.length) throw new Error("lists a key id twice");
  return { current: keys[0] as SecretKey, byId };
}

/** The id of the development key {@link derivedSecretKeys} makes. */
export const derivedKeyId = "derived";

/**
 * A development key ring derived from the auth secret with HKDF-SHA256, for a Waybill started
 * without `WEBHOOK_SECRET_KEY` (production refuses to). Stable across restarts of one setup.
 */
export function derivedSecretKeys(authSecret: string): SecretKeyRing {
  const key = Buffer.from(hkdfSync("sha256", authSecret, "waybill", "notifications webhook secrets", keyBytes));
  return { current: { id: derivedKeyId, key }, byId: new Map([[derivedKeyId, key]]) };
}
