import type { Logger } from "pino";
import type { BucketStore, Grant } from "./bucket-store.js";
import { createMemoryBucketStore } from "./memory-bucket-store.js";
import type { RateLimit } from "./rate-limit.js";

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** The shared buckets (NATS KV). */
  readonly store: BucketStore;
  readonly logger: Logger;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** How long tokens taken ahead stay usable by this replica (default 1,000 ms). */
  readonly leaseMs?: number;
  /** How long the shared store may take to answer before this replica counts alone (default 500 ms). */
  readonly storeTimeoutMs?: number;
  /** How long this replica counts alone after the shared store failed (default 5,000 ms). */
  readonly fallbackMs?: number;
}

/** Admits or refuses one request against a caller's bucket. */
export interface RateLimiter {
  /** Resolves to `undefined` when the request may go on, or to the wait before it could. */
  admit(key: string, limit: RateLimit): Promise<{ readonly retryAfterMs: number } | undefined>;
}

/** What this replica holds for one bucket between trips to the shared store. */
interface Allotment {
  tokens: number;
  expiresAtMs: number;
  emptyUntilMs: number;
  pending: Promise<void> | undefined;
  /** Requests of this bucket waiting for a decision, so that one trip fetches tokens for all. */
  waiting: number;
  /** Tokens the last trip brought, to size the next from what this replica really spends. */
  granted: number;
}

const maxAllotments = 100_000;

/**
 * The local fast path in front of the shared buckets. A replica takes a few tokens at a time
 * (as many as it spent of its last lease, doubled while it spends them all, up to the smaller
 * of a tenth of the burst and half a second's worth, and at least one per waiting request) and
 * spends them without a trip to NATS. Every token was taken from the shared bucket first, so
 * replicas together never exceed the budget; tokens not spent within `leaseMs` are dropped, so
 * that a lease taken long ago cannot add to a later burst. Once a bucket is empty, the replica refuses from memory until it has refilled. When the
 * shared store is slow or down, each replica counts alone for `fallbackMs` (limits then hold per
 * replica) rather than failing or waiting.
 *
 * @example
 * const limiter = createRateLimiter({ store, logger });
 * const refusal = await limiter.admit("principal.x", { perSecond: 50, burst: 100 });
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 1_000;
  const storeTimeoutMs = options.storeTimeoutMs ?? 500;
  const fallbackMs = options.fallbackMs ?? 5_000;
  const fallback = createMemoryBucketStore({ now });
  const allotments = new Map<string, Allotment>();
  let aloneUntilMs = 0;

  const takeShared = async (key: string, limit: RateLimit, wanted: number): Promise<Grant> => {
    if (now() < aloneUntilMs) return fallback.take(key, limit, wanted);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${storeTimeoutMs} ms`)), storeTimeoutMs);
    });
    try {
      return await Promise.race([options.store.take(key, limit, wanted), timeout]);
    } catch (error) {
      // Every call waiting on the store fails at once: one warning per outage, not one per call.
      if (now() >= aloneUntilMs) {
        options.logger.warn(
          { err: error, fallbackMs },
          "rate limits: the shared buckets (NATS KV) did not answer - each replica counts alone for a while",
        );
      }
      aloneUntilMs = now() + fallbackMs;
      return fallback.take(key, limit, wanted);
    } finally {
      clearTimeout(timer);
    }
  };

  const refill = async (key: string, limit: RateLimit, allotment: Allotment): Promise<void> => {
    // As many as this replica spent of its last lease (twice that when it spent them all, up to
    // a tenth of the burst or half a second's worth, whichever is less), and at least enough for
    // everyone waiting now. Sized by use, so that many replicas sharing a caller do not each hold
    // tokens they then drop.
    const ceiling = Math.max(1, Math.min(Math.floor(limit.burst / 10), Math.floor(limit.perSecond / 2)));
    const spent = allotment.granted - Math.max(0, Math.floor(allotment.tokens));
    const ahead = spent >= allotment.granted ? Math.min(ceiling, 2 * allotment.granted) : spent;
    const wanted = Math.min(limit.burst, Math.max(1, ahead, allotment.waiting));
    const grant = await takeShared(key, limit, wanted);
    const at = now();
    allotment.tokens = grant.granted;
    allotment.granted = grant.granted;
    allotment.expiresAtMs = at + leaseMs;
    allotment.emptyUntilMs = grant.granted > 0 ? 0 : at + grant.retryAfterMs;
  };

  return {
    async admit(key, limit) {
      const allotment = allotmentOf(allotments, key, now());
      allotment.waiting += 1;
      try {
        // Each round spends a token, refuses, or waits for one trip to the store, which either
        // brings tokens (someone gets one) or finds the bucket empty (everyone is refused).
        for (;;) {
          const at = now();
          if (allotment.tokens >= 1 && allotment.expiresAtMs > at) {
            allotment.tokens -= 1;
            return undefined;
          }
          if (allotment.emptyUntilMs > at) return { retryAfterMs: allotment.emptyUntilMs - at };
          allotment.pending ??= refill(key, limit, allotment).finally(() => {
            allotment.pending = undefined;
          });
          await allotment.pending;
        }
      } finally {
        allotment.waiting -= 1;
      }
    },
  };
}

function allotmentOf(allotments: Map<string, Allotment>, key: string, at: number): Allotment {
  const known = allotments.get(key);
  if (known) return known;
  if (allotments.size >= maxAllotments) {
    // Idle ones first; if every one is in use, the oldest tenth (they lose leased tokens, never
    // more than that: the shared bucket still holds their budget).
    for (const [other, allotment] of allotments) {
      if (!allotment.waiting && allotment.expiresAtMs <= at && allotment.emptyUntilMs <= at) allotments.delete(other);
    }
    let drop = allotments.size >= maxAllotments ? Math.floor(maxAllotments / 10) : 0;
    for (const [other, allotment] of allotments) {
      if (drop-- <= 0) break;
      if (!allotment.waiting) allotments.delete(other);
    }
  }
  const allotment: Allotment = {
    tokens: 0,
    expiresAtMs: 0,
    emptyUntilMs: 0,
    pending: undefined,
    waiting: 0,
    granted: 0,
  };
  allotments.set(key, allotment);
  return allotment;
}
