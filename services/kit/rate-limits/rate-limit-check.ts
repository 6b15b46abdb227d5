import type { ConnectError } from "@connectrpc/connect";
import { chooseBucket, type RateLimitedCaller, type RateLimitPolicy } from "./rate-limit-policy.js";
import { rateLimitRefusal } from "./rate-limit-refusal.js";
import type { RateLimiter } from "./rate-limiter.js";

/**
 * Checks one request against its caller's bucket: resolves to the refusal (RESOURCE_EXHAUSTED
 * with retry information) or to `undefined` when it may go on. The request gate runs it once the
 * token is known, before the body is read.
 */
export type RateLimitCheck = (caller: RateLimitedCaller) => Promise<ConnectError | undefined>;

/**
 * Builds the {@link RateLimitCheck} of a policy over a limiter.
 *
 * @example
 * const check = createRateLimitCheck(policy, createRateLimiter({ store, logger }));
 * const refusal = await check({ kind: "address", address: "203.0.113.9" });
 */
export function createRateLimitCheck(policy: RateLimitPolicy, limiter: RateLimiter): RateLimitCheck {
  return async (caller) => {
    const bucket = chooseBucket(policy, caller);
    if (!bucket) return undefined;
    const refused = await limiter.admit(bucket.key, bucket.limit);
    return refused && rateLimitRefusal(bucket.limit, bucket.holder, refused.retryAfterMs);
  };
}
