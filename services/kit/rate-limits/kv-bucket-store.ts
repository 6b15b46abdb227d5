import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient, StorageType } from "@nats-io/jetstream";
import { type KV, Kvm } from "@nats-io/kv";
import type { BucketStore, Grant } from "./bucket-store.js";
import { maxRefillSeconds, type RateLimit } from "./rate-limit.js";
import { type BucketState, takeTokens } from "./token-bucket.js";

/** Options of {@link openKvBucketStore}. */
export interface KvBucketStoreOptions {
  readonly js: JetStreamClient;
  /** The KV bucket's name, e.g. `WAYBILL_RATE_LIMITS` (its stream is `KV_WAYBILL_RATE_LIMITS`). */
  readonly bucket: string;
  /** Replicas of the bucket's stream (`STREAM_REPLICAS`). */
  readonly replicas: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /**
   * How long one take may take (default 500 ms): a take still waiting then fails, so that the
   * takes queued behind it and the next attempt (which opens the bucket again) are not held.
   */
  readonly timeoutMs?: number;
}

// Replicas writing one bucket at once: the loser reads again after a random pause (so that two
// writers do not stay in lockstep) and retries, up to this many rounds.
const maxCompareAndSetRounds = 16;
// When even that many rounds lost, the call is refused for this long: never more than the budget.
const contendedRetryMs = 50;

/**
 * Keeps the token buckets in a JetStream key-value bucket shared by every replica, so that a
 * caller has one budget however many replicas it reaches. Each take reads the bucket and writes
 * it back only if nobody wrote in between (compare-and-set on the key's revision); within one
 * replica, takes of one key run one after the other, so only replicas race each other. Buckets
 * live in memory on the NATS servers and are forgotten once idle for an hour, by which time they
 * would be full again ({@link maxRefillSeconds}). After a failure (a NATS restart loses a memory
 * bucket), the next take creates the KV bucket again before using it.
 *
 * @example
 * const store = await openKvBucketStore({ js, bucket: "WAYBILL_RATE_LIMITS", replicas: 1 });
 */
export async function openKvBucketStore(options: KvBucketStoreOptions): Promise<BucketStore> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 500;
  const open = () =>
    new Kvm(options.js).create(options.bucket, {
      history: 1,
      ttl: maxRefillSeconds * 1000,
      storage: StorageType.Memory,
      replicas: options.replicas,
      description: "Waybill rate limits: one token bucket per caller",
    });
  let kv: KV = await open();
  let reopen = false;
  // One reopening for all the takes that find the bucket needs it, not one each.
  let reopening: Promise<KV> | undefined;
  const queues = new Map<string, Promise<unknown>>();

  const take = async (key: string, limit: RateLimit, wanted: number): Promise<Grant> => {
    try {
      if (reopen) {
        reopening ??= open().finally(() => {
          reopening = undefined;
        });
        kv = await reopening;
        reopen = false;
      }
      for (let round = 1; round <= maxCompareAndSetRounds; round++) {
        const entry = await kv.get(key);
        const live = entry !== null && entry.operation === "PUT" && entry.length > 0;
        const result = takeTokens(live ? readState(entry.string()) : undefined, limit, wanted, now());
        if (result.granted === 0) return { granted: 0, retryAfterMs: result.retryAfterMs };
        try {
          await kv.put(key, JSON.stringify(result.state), { previousSeq: entry?.revision ?? 0 });
          return { granted: result.granted, retryAfterMs: 0 };
        } catch (error) {
          if (!isWrongRevision(error)) throw error;
          await pause(Math.random() * Math.min(50, 2 ** round));
        }
      }
      return { granted: 0, retryAfterMs: contendedRetryMs };
    } catch (error) {
      reopen = true;
      throw error;
    }
  };

  /** A take not done within `timeoutMs` fails (and the bucket is opened again next time). */
  async function withDeadline(taking: Promise<Grant>): Promise<Grant> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reopen = true;
        reject(new Error(`the rate-limit bucket did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([taking, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    take(key, limit, wanted) {
      const previous = queues.get(key) ?? Promise.resolve();
      const result = previous.then(() => withDeadline(take(key, limit, wanted)));
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return result;
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readState(text: string): BucketState | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { tokens, atMs } = value as Record<string, unknown>;
    return typeof tokens === "number" && typeof atMs === "number" ? { tokens, atMs } : undefined;
  } catch {
    return undefined;
  }
}

function isWrongRevision(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence ||
      error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}
