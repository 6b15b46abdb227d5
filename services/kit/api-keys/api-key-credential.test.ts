import { describe, expect, it } from "vitest";
import { chooseBucket, parseRateLimitPolicy } from "../rate-limits/rate-limit-policy.js";
import {
  apiKeySecretMatches,
  formatApiKeyCredential,
  hashApiKeySecret,
  newApiKeyCredential,
  parseApiKeyCredential,
} from "./api-key-credential.js";

describe("API key credentials", () => {
  it("round-trip through format and parse, with fresh random parts each time", () => {
    const credential = newApiKeyCredential();
    const text = formatApiKeyCredential(credential);
    expect(text).toMatch(/^wbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyCredential(text)).toEqual(credential);
    expect(newApiKeyCredential().keyId).not.toBe(credential.keyId);
    expect(newApiKeyCredential().secret).not.toBe(credential.secret);
  });

  it("tell the parts apart by length even when the secret holds underscores", () => {
    const secret = `${"_".repeat(20)}${"a".repeat(23)}`;
    expect(parseApiKeyCredential(`wbk_0123456789abcdef_${secret}`)).toEqual({ keyId: "0123456789abcdef", secret });
  });

  it.each([
    ["no prefix", `0123456789abcdef_${"a".repeat(43)}`],
    ["upper-case key id", `wbk_0123456789ABCDEF_${"a".repeat(43)}`],
    ["short key id", `wbk_0123456789abcde_${"a".repeat(43)}`],
    ["short secret", `wbk_0123456789abcdef_${"a".repeat(42)}`],
    ["long secret", `wbk_0123456789abcdef_${"a".repeat(44)}`],
    ["padding in the secret", `wbk_0123456789abcdef_${"a".repeat(42)}=`],
    ["a bare prefix", "wbk_"],
  ])("refuse %s", (_, text) => {
    expect(parseApiKeyCredential(text)).toBeUndefined();
  });

  it("store a SHA-256 of the secret and match only that secret", () => {
    const { secret } = newApiKeyCredential();
    const stored = hashApiKeySecret(secret);
    expect(stored).toHaveLength(32);
    expect(stored.toString("base64url")).not.toContain(secret);
    expect(apiKeySecretMatches(secret, stored)).toBe(true);
    expect(apiKeySecretMatches(`${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`, stored)).toBe(false);
    expect(apiKeySecretMatches(secret, stored.subarray(0, 31))).toBe(false);
  });

  it("give calls with a key a limit that RATE_LIMITS names by key id (key:<key_id>) or subject (key:key:<key_id>)", () => {
    const principal = {
      subject: "key:0123456789abcdef",
      role: "partner",
      brandId: "acme",
      apiKeyId: "0123456789abcdef",
    } as const;
    for (const scope of ["key:0123456789abcdef", "key:key:0123456789abcdef"]) {
      const policy = parseRateLimitPolicy(`partner=50/s,${scope}=5/s:7`);
      expect(policy && chooseBucket(policy, { kind: "principal", principal })?.limit, scope).toEqual({
        perSecond: 5,
        burst: 7,
      });
    }
    // Another key of the brand keeps the partner role's limit.
    const other = { ...principal, subject: "key:fedcba9876543210", apiKeyId: "fedcba9876543210" };
    const policy = parseRateLimitPolicy("partner=50/s,key:0123456789abcdef=5/s:7");
    expect(policy && chooseBucket(policy, { kind: "principal", principal: other })?.limit?.perSecond).toBe(50);
  });
});
