import { describe, expect, it } from "vitest";
import type { Principal } from "../auth/principal.js";
import {
  chooseBucket,
  defaultRateLimits,
  describeRateLimitDefaults,
  parseRateLimitPolicy,
  type RateLimitPolicy,
} from "./rate-limit-policy.js";

function policyOf(text: string | undefined): RateLimitPolicy {
  const policy = parseRateLimitPolicy(text);
  if (!policy) throw new Error(`${text} turned rate limits off`);
  return policy;
}

const principal = (p: Principal) => ({ kind: "principal", principal: p }) as const;

describe("parseRateLimitPolicy", () => {
  it("turns every limit off with off, in any case", () => {
    expect(parseRateLimitPolicy("off")).toBeUndefined();
    expect(parseRateLimitPolicy("  OFF ")).toBeUndefined();
  });

  it("keeps the defaults when unset or empty", () => {
    for (const text of [undefined, "", " , ,"]) {
      expect(policyOf(text)).toEqual({ roles: defaultRateLimits, brands: new Map(), keys: new Map() });
    }
    expect(describeRateLimitDefaults()).toBe(
      "admin=100/s:200,brand=50/s:100,partner=50/s:100,customer=10/s:20,courier=10/s:20,anonymous=20/s:40",
    );
    expect(policyOf(describeRateLimitDefaults()).roles).toEqual(defaultRateLimits);
  });

  it("overrides roles, brands and keys, and turns any of them off", () => {
    const policy = policyOf(
      " brand = 100/s:200 , customer=off,key:partner-acme=500/s, brand:acme=Off, brand:zeta=1/s:2, key:a=b=5/m",
    );
    expect(policy.roles).toEqual({ ...defaultRateLimits, brand: { perSecond: 100, burst: 200 }, customer: undefined });
    expect(policy.brands).toEqual(
      new Map([
        ["acme", null],
        ["zeta", { perSecond: 1, burst: 2 }],
      ]),
    );
    // A subject may hold "=": the limit is after the last one.
    expect(policy.keys).toEqual(
      new Map([
        ["partner-acme", { perSecond: 500, burst: 500 }],
        ["a=b", { perSecond: 5 / 60, burst: 5 }],
      ]),
    );
  });

  it("lets a later pair win over an earlier one for the same scope", () => {
    expect(policyOf("brand=1/s,brand=2/s").roles.brand).toEqual({ perSecond: 2, burst: 2 });
  });

  it("refuses a pair without a scope or a limit, naming the pair", () => {
    for (const pair of ["brand", "=5/s", "brand=", "brand= "]) {
      expect(() => parseRateLimitPolicy(`admin=off,${pair}`), pair).toThrow(
        new RangeError(`"${pair.trim()}" is not scope=limit (e.g. brand=50/s:100)`),
      );
    }
  });

  it("refuses an unknown scope, naming it and the scopes there are", () => {
    for (const scope of ["service", "Brand", "brand:", "key:", "tenant:acme"]) {
      expect(() => parseRateLimitPolicy(`${scope}=5/s`), scope).toThrow(
        new RangeError(
          `"${scope}" is not a scope: use admin, brand, partner, customer, courier, anonymous, brand:<id> or key:<subject>`,
        ),
      );
    }
  });

  it("refuses a bad limit with parseRateLimit's message", () => {
    expect(() => parseRateLimitPolicy("brand=50/s,customer=5/x")).toThrow(/"5\/x" is not a limit like 50\/s/);
    expect(() => parseRateLimitPolicy("key:k=1/h:5")).toThrow(/"1\/h:5" takes longer than an hour/);
  });

  it("names the whole pair when its limit is bad", () => {
    expect(() => parseRateLimitPolicy("brand=50/s,customer=5/x")).toThrow('"customer=5/x"');
  });
});

describe("chooseBucket", () => {
  const policy = policyOf("brand=100/s:200,brand:acme=30/s,key:partner-acme=500/s,key:vip=off,brand:free=off");

  it("never limits service tokens, even with a key override for their subject", () => {
    expect(chooseBucket(policyOf("key:orders=1/s"), principal({ subject: "orders", role: "service" }))).toBeUndefined();
  });

  it("takes the key's limit over the brand's, and the brand's over the role's", () => {
    const partner = chooseBucket(policy, principal({ subject: "partner-acme", role: "partner", brandId: "acme" }));
    expect(partner?.limit).toEqual({ perSecond: 500, burst: 500 });
    expect(partner?.holder).toBe("this partner token");
    const brandUser = chooseBucket(policy, principal({ subject: "ann", role: "brand", brandId: "acme" }));
    expect(brandUser?.limit).toEqual({ perSecond: 30, burst: 30 });
    expect(brandUser?.holder).toBe("this brand token");
    expect(chooseBucket(policy, principal({ subject: "bob", role: "brand", brandId: "other" }))?.limit).toEqual({
      perSecond: 100,
      burst: 200,
    });
    expect(chooseBucket(policy, principal({ subject: "carl", role: "customer" }))?.limit).toEqual(
      defaultRateLimits.customer,
    );
  });

  it("lifts the limit when the winning scope is off, even if a lower one has a limit", () => {
    expect(chooseBucket(policy, principal({ subject: "vip", role: "brand", brandId: "acme" }))).toBeUndefined();
    expect(chooseBucket(policy, principal({ subject: "x", role: "partner", brandId: "free" }))).toBeUndefined();
    expect(chooseBucket(policyOf("admin=off"), principal({ subject: "ops", role: "admin" }))).toBeUndefined();
    // A key limit wins over a brand that is off.
    const keyed = policyOf("brand:free=off,key:k=1/s");
    expect(chooseBucket(keyed, principal({ subject: "k", role: "brand", brandId: "free" }))?.limit).toEqual({
      perSecond: 1,
      burst: 1,
    });
  });

  it("counts callers without a valid token per address, under the anonymous limit", () => {
    const first = chooseBucket(policy, { kind: "address", address: "203.0.113.9" });
    expect(first?.limit).toEqual(defaultRateLimits.anonymous);
    expect(first?.holder).toBe("calls without a valid token from this address");
    expect(first?.key).toMatch(/^address\.[A-Za-z0-9_-]{32}$/);
    expect(chooseBucket(policy, { kind: "address", address: "203.0.113.9" })?.key).toBe(first?.key);
    expect(chooseBucket(policy, { kind: "address", address: "203.0.113.10" })?.key).not.toBe(first?.key);
    expect(chooseBucket(policyOf("anonymous=off"), { kind: "address", address: "203.0.113.9" })).toBeUndefined();
  });

  it("gives each principal a bucket of its own, and the same principal the same bucket", () => {
    const principals: Principal[] = [
      { subject: "ann", role: "brand", brandId: "acme" },
      { subject: "ann", role: "brand", brandId: "zeta" },
      { subject: "ann", role: "partner", brandId: "acme" },
      { subject: "ann", role: "customer" },
      { subject: "ann", role: "courier" },
      { subject: "ann", role: "admin" },
      { subject: "bob", role: "brand", brandId: "acme" },
      // The separator keeps role, brand and subject apart.
      { subject: "acme", role: "brand", brandId: "" },
      { subject: "", role: "brand", brandId: "acme" },
    ];
    const keys = principals.map((p) => chooseBucket(policy, principal(p))?.key);
    for (const key of keys) expect(key).toMatch(/^principal\.[A-Za-z0-9_-]{32}$/);
    expect(new Set(keys).size).toBe(principals.length);
    expect(principals.map((p) => chooseBucket(policy, principal({ ...p }))?.key)).toEqual(keys);
    // The key does not depend on the limit: changing RATE_LIMITS keeps a caller's bucket.
    expect(chooseBucket(policyOf(""), principal({ subject: "bob", role: "brand", brandId: "acme" }))?.key).toBe(
      keys[6],
    );
  });

  it("never mixes an address bucket with a principal's", () => {
    const address = chooseBucket(policy, { kind: "address", address: "ann" })?.key;
    const customer = chooseBucket(policy, principal({ subject: "ann", role: "customer" }))?.key;
    expect(address).not.toBe(customer);
  });
});
