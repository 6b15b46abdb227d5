import { describe, expect, it } from "vitest";
import { currentKeyPrefix, openSecret, sealSecret } from "./secret-box.js";
import { parseSecretKeys } from "./secret-keys.js";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const oldRing = parseSecretKeys(`old:${key(1)}`);
const newRing = parseSecretKeys(`new:${key(2)},old:${key(1)}`);
const secret = "whsec_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

describe("sealSecret and openSecret", () => {
  it("seal with the first key, fresh each time, and open with any key of the ring", () => {
    const sealed = sealSecret(oldRing, "hook-1", secret);
    expect(sealed.startsWith(currentKeyPrefix(oldRing))).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealSecret(oldRing, "hook-1", secret)).not.toBe(sealed);
    expect(openSecret(oldRing, "hook-1", sealed)).toBe(secret);
    // After a rotation the old key still opens what it sealed.
    expect(openSecret(newRing, "hook-1", sealed)).toBe(secret);
    expect(sealSecret(newRing, "hook-1", secret).startsWith("aes256gcm:new:")).toBe(true);
  });

  it("pass a plain secret of an older Waybill through", () => {
    expect(openSecret(newRing, "hook-1", secret)).toBe(secret);
  });

  it("refuse another row's secret, a tampered one, and an unknown key, naming only the key id", () => {
    const sealed = sealSecret(newRing, "hook-1", secret);
    expect(() => openSecret(newRing, "hook-2", sealed)).toThrow("does not open with key new");
    const parts = sealed.split(":");
    parts[4] = Buffer.from("x".repeat(secret.length)).toString("base64url");
    expect(() => openSecret(newRing, "hook-1", parts.join(":"))).toThrow("does not open with key new");
    expect(() => openSecret(oldRing, "hook-1", sealed)).toThrow(
      "the webhook secret is sealed with key new, which WEBHOOK_SECRET_KEY does not list",
    );
    expect(() => openSecret(newRing, "hook-1", "aes256gcm:new:abc")).toThrow("malformed");
  });
});
