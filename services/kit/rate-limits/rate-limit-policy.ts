import { createHash } from "node:crypto";
import type { Principal } from "../auth/principal.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";

/** Who a limit is kept for: a principal's token, or the address of a caller without a valid one. */
export type RateLimitedCaller =
  | { readonly kind: "principal"; readonly principal: Principal }
  | { readonly kind: "address"; readonly address: string };

/** The scopes of `RATE_LIMITS` that roles and addresses take their defaults from. */
export const rateLimitRoles = ["admin", "brand", "partner", "customer", "courier", "anonymous"] as const;

/** A role scope of `RATE_LIMITS`; `anonymous` is every caller without a valid token, per address. */
export type RateLimitRole = (typeof rateLimitRoles)[number];

/** The limits in force: a default per role, and overrides per brand and per key (token subject). */
export interface RateLimitPolicy {
  /** Per role; `undefined` means no limit for that role. */
  readonly roles: Readonly<Record<RateLimitRole, RateLimit | undefined>>;
  /** Per brand id, for the brand's `brand` and `partner` tokens; `null` lifts the limit. */
  readonly brands: ReadonlyMap<string, RateLimit | null>;
  /** Per token subject (an API key's or a user's); `null` lifts the limit. Wins over brand and role. */
  readonly keys: ReadonlyMap<string, RateLimit | null>;
}

/** The defaults, each a token bucket per principal (or per address for `anonymous`). */
export const defaultRateLimits: Readonly<Record<RateLimitRole, RateLimit>> = {
  admin: { perSecond: 100, burst: 200 },
  brand: { perSecond: 50, burst: 100 },
  partner: { perSecond: 50, burst: 100 },
  customer: { perSecond: 10, burst: 20 },
  courier: { perSecond: 10, burst: 20 },
  anonymous: { perSecond: 20, burst: 40 },
};

/**
 * The defaults as `RATE_LIMITS` writes them.
 *
 * @example
 * describeRateLimitDefaults(); // "admin=100/s:200,brand=50/s:100,…"
 */
export function describeRateLimitDefaults(): string {
  return rateLimitRoles
    .map((role) => `${role}=${defaultRateLimits[role].perSecond}/s:${defaultRateLimits[role].burst}`)
    .join(",");
}

/**
 * Reads `RATE_LIMITS`: `off` (no limits at all), or comma-separated `scope=limit` pairs over the
 * defaults. A scope is a role (`admin`, `brand`, `partner`, `customer`, `courier`, `anonymous`),
 * `brand:<brand id>` or `key:<token subject>`; a limit is `count/unit[:burst]` or `off`. Throws a
 * `RangeError` naming the bad pair. Service-to-service tokens are never limited.
 *
 * @example
 * parseRateLimitPolicy("brand=100/s:200,key:partner-acme=500/s,anonymous=off");
 */
export function parseRateLimitPolicy(text: string | undefined): RateLimitPolicy | undefined {
  if (text?.trim().toLowerCase() === "off") return undefined;
  const roles: Record<RateLimitRole, RateLimit | undefined> = { ...defaultRateLimits };
  const brands = new Map<string, RateLimit | null>();
  const keys = new Map<string, RateLimit | null>();
  for (const pair of (text ?? "").split(",").map((part) => part.trim())) {
    if (pair === "") continue;
    const equals = pair.lastIndexOf("=");
    const scope = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (equals <= 0 || value === "") throw new RangeError(`"${pair}" is not scope=limit (e.g. brand=50/s:100)`);
    const limit = value.toLowerCase() === "off" ? null : parseLimitOf(pair, value);
    if ((rateLimitRoles as readonly string[]).includes(scope)) {
      roles[scope as RateLimitRole] = limit ?? undefined;
    } else if (scope.startsWith("brand:") && scope.length > "brand:".length) {
      brands.set(scope.slice("brand:".length), limit);
    } else if (scope.startsWith("key:") && scope.length > "key:".length) {
      keys.set(scope.slice("key:".length), limit);
    } else {
      throw new RangeError(`"${scope}" is not a scope: use ${rateLimitRoles.join(", ")}, brand:<id> or key:<subject>`);
    }
  }
  return { roles, brands, keys };
}

function parseLimitOf(pair: string, value: string): RateLimit {
  try {
    return parseRateLimit(value);
  } catch (error) {
    throw new RangeError(`"${pair}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A caller's bucket: the key it is stored under, the limit, and who it is in messages. */
export interface BucketChoice {
  readonly key: string;
  readonly limit: RateLimit;
  /** "this token" or "this address", for the refusal's message. */
  readonly holder: string;
}

/**
 * The bucket a caller draws from, or `undefined` when it is not limited. A principal's bucket
 * is its own (role, brand and subject), whatever limit applies to it; keys are hashed so any
 * subject or address makes a valid key.
 */
export function chooseBucket(policy: RateLimitPolicy, caller: RateLimitedCaller): BucketChoice | undefined {
  if (caller.kind === "address") {
    const limit = policy.roles.anonymous;
    return (
      limit && {
        key: `address.${digest(caller.address)}`,
        limit,
        holder: "calls without a valid token from this address",
      }
    );
  }
  const { principal } = caller;
  if (principal.role === "service") return undefined;
  // An API key is named by its id alone (`key:<key id>`) as well as by its subject (`key:key:<key id>`).
  const bySubject = policy.keys.get(principal.subject);
  const keyLimit =
    bySubject === undefined && principal.apiKeyId !== undefined ? policy.keys.get(principal.apiKeyId) : bySubject;
  const brandLimit = principal.brandId === undefined ? undefined : policy.brands.get(principal.brandId);
  const limit =
    keyLimit !== undefined ? keyLimit : brandLimit !== undefined ? brandLimit : policy.roles[principal.role];
  if (!limit) return undefined;
  const identity = `${principal.role}\u0000${principal.brandId ?? ""}\u0000${principal.subject}`;
  return { key: `principal.${digest(identity)}`, limit, holder: `this ${principal.role} token` };
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32);
}
