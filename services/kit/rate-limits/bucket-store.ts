import type { RateLimit } from "./rate-limit.js";

/** The answer of {@link BucketStore.take}. */
export interface Grant {
  /** Tokens handed out (0 when the bucket is empty). */
  readonly granted: number;
  /** When nothing was granted: how long until the bucket holds one token. */
  readonly retryAfterMs: number;
}

/**
 * Where the token buckets live. A shared store (NATS KV) makes one budget of every replica; the
 * memory store keeps a bucket per process (the fallback while the shared one cannot answer).
 */
export interface BucketStore {
  /** Refills the bucket of `key` and takes up to `wanted` tokens from it, atomically. */
  take(key: string, limit: RateLimit, wanted: number): Promise<Grant>;
}
