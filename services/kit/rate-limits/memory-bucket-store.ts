import type { BucketStore } from "./bucket-store.js";
import type { RateLimit } from "./rate-limit.js";
import { type BucketState, takeTokens } from "./token-bucket.js";

/** Options of {@link createMemoryBucketStore}. */
export interface MemoryBucketStoreOptions {
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** Buckets kept before idle ones are forgotten (default 100,000). */
  readonly maxBuckets?: number;
}

/** A bucket and the limit it was last taken under, to tell when it is full again. */
interface KeptBucket {
  readonly state: BucketState;
  readonly limit: RateLimit;
}

/**
 * Buckets in this process's memory: one budget per replica. Used while the shared store cannot
 * answer, so that limits still hold, per replica, instead of failing every call.
 *
 * @example
 * const store = createMemoryBucketStore();
 * await store.take("address.abc", { perSecond: 10, burst: 20 }, 1); // { granted: 1, retryAfterMs: 0 }
 */
export function createMemoryBucketStore(options: MemoryBucketStoreOptions = {}): BucketStore {
  const now = options.now ?? Date.now;
  const maxBuckets = options.maxBuckets ?? 100_000;
  const buckets = new Map<string, KeptBucket>();
  return {
    async take(key, limit, wanted) {
      const at = now();
      if (buckets.size >= maxBuckets && !buckets.has(key)) forgetSome(buckets, at);
      const result = takeTokens(buckets.get(key)?.state, limit, wanted, at);
      // Re-inserted, so that the map's order runs from the longest idle to the latest used.
      buckets.delete(key);
      buckets.set(key, { state: result.state, limit });
      return { granted: result.granted, retryAfterMs: result.retryAfterMs };
    },
  };
}

/**
 * Makes room: a bucket full again is the same as no bucket, so those go first; if none is, the
 * longest idle tenth goes (those callers start again with a full bucket, the least harm).
 */
function forgetSome(buckets: Map<string, KeptBucket>, at: number): void {
  const before = buckets.size;
  for (const [key, { state, limit }] of buckets) {
    if (state.tokens + ((at - state.atMs) / 1000) * limit.perSecond >= limit.burst) buckets.delete(key);
  }
  if (buckets.size < before) return;
  let drop = Math.max(1, Math.floor(before / 10));
  for (const key of buckets.keys()) {
    if (drop-- <= 0) break;
    buckets.delete(key);
  }
}
