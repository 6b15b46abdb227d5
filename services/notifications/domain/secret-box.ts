import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretKeyRing } from "./secret-keys.js";

/** What a sealed secret starts with; a stored secret without it is a plain one of an older Waybill. */
const sealedPrefix = "aes256gcm:";
/** GCM's recommended nonce size. */
const ivBytes = 12;

/**
 * Seals a webhook secret with the ring's current key (AES-256-GCM, a fresh random nonce) as
 * `aes256gcm:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The webhook id is the additional data,
 * so a sealed secret copied to another row does not open there.
 */
export function sealSecret(ring: SecretKeyRing, webhookId: string, secret: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(webhookId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return `${sealedPrefix}${ring.current.id}:${parts.join(":")}`;
}

/** How every secret sealed with the ring's current key starts (others are re-sealed at start). */
export function currentKeyPrefix(ring: SecretKeyRing): string {
  return `${sealedPrefix}${ring.current.id}:`;
}

/**
 * Opens a stored secret: a sealed one with the key its id names, a plain one (stored before
 * secrets were sealed) as it is. Throws, naming the key id only, when the key is not in the ring
 * or the secret does not open (tampered, or another row's).
 */
export function openSecret(ring: SecretKeyRing, webhookId: string, stored: string): string {
  if (!stored.startsWith(sealedPrefix)) return stored;
  const [keyId = "", iv, tag, ciphertext, ...rest] = stored.slice(sealedPrefix.length).split(":");
  if (iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0)
    throw new Error("the stored webhook secret is malformed");
  const key = ring.byId.get(keyId);
  if (!key) throw new Error(`the webhook secret is sealed with key ${keyId}, which WEBHOOK_SECRET_KEY does not list`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(webhookId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`the webhook secret does not open with key ${keyId}`);
  }
}
