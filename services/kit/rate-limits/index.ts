export type { BucketStore, Grant } from "./bucket-store.js";
export { clientAddressKey } from "./client-address.js";
export { type KvBucketStoreOptions, openKvBucketStore } from "./kv-bucket-store.js";
export { createMemoryBucketStore, type MemoryBucketStoreOptions } from "./memory-bucket-store.js";
export { describeRateLimit, maxRefillSeconds, parseRateLimit, type RateLimit } from "./rate-limit.js";
export { createRateLimitCheck, type RateLimitCheck } from "./rate-limit-check.js";
export {
  type BucketChoice,
  chooseBucket,
  defaultRateLimits,
  describeRateLimitDefaults,
  parseRateLimitPolicy,
  type RateLimitedCaller,
  type RateLimitPolicy,
  type RateLimitRole,
  rateLimitRoles,
} from "./rate-limit-policy.js";
export { rateLimitRefusal } from "./rate-limit-refusal.js";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";
export { type BucketState, type TakeResult, takeTokens } from "./token-bucket.js";
