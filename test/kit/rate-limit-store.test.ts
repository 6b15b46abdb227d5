import { randomBytes } from "node:crypto";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BucketStore,
  createRateLimiter,
  type Grant,
  openKvBucketStore,
  parseRateLimit,
  type RateLimit,
} from "../../services/kit/rate-limits/index.js";
import { createRecordingLogger } from "../support/index.js";

// The NATS KV bucket store against the shared NATS server, as two replicas: two connections, two
// stores, one bucket of the test's own (deleted afterwards).
const natsUrl = process.env.NATS_URL || "nats://127.0.0.1:4222";
const bucket = `T${randomBytes(5).toString("hex").toUpperCase()}_RATE_LIMITS`;
const connections: NatsConnection[] = [];

async function openStore(now?: () => number): Promise<BucketStore> {
  const nc = await connect({ servers: natsUrl.split(","), name: "rate-limit-store-test" });
  connections.push(nc);
  // A long deadline: 200 takes racing on one key must not fail for being slow on a busy machine.
  return openKvBucketStore({ js: jetstream(nc), bucket, replicas: 1, timeoutMs: 10_000, ...(now ? { now } : {}) });
}

/** 200 takes at once of 1 to 3 tokens (400 in all), alternating between the two replicas. */
function concurrentTakes(key: string, limit: RateLimit): Promise<Grant>[] {
  return Array.from({ length: 200 }, (_, i) => (i % 2 ? first : second).take(key, limit, (i % 3) + 1));
}

let first: BucketStore;
let second: BucketStore;

beforeAll(async () => {
  first = await openStore();
  second = await openStore();
});
afterAll(async () => {
  const nc = connections[0];
  if (nc) await (await jetstreamManager(nc)).streams.delete(`KV_${bucket}`);
  await Promise.all(connections.map((connection) => connection.close()));
});

describe("the NATS KV bucket store", () => {
  it("never grants more than the burst to concurrent takes from two replicas", async () => {
    // 50 an hour: the test's few seconds refill well under one token.
    const limit = parseRateLimit("50/h");
    const outcomes = await Promise.allSettled(concurrentTakes("safety-key", limit));
    const grants = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(grants.reduce((sum, grant) => sum + grant.granted, 0)).toBeLessThanOrEqual(50);
    for (const grant of grants) if (grant.granted === 0) expect(grant.retryAfterMs).toBeGreaterThan(0);
  });

  it("answers every concurrent take and grants exactly the burst when asked for more", async () => {
    const limit = parseRateLimit("50/h");
    const outcomes = await Promise.allSettled(concurrentTakes("exact-key", limit));
    const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);
    const grants = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(grants.reduce((sum, grant) => sum + grant.granted, 0)).toBe(50);
    // Both replicas see the empty bucket, and the wait until its next token (72 s at 50/h).
    for (const store of [first, second]) {
      const refused = await store.take("exact-key", limit, 1);
      expect(refused.granted).toBe(0);
      expect(refused.retryAfterMs).toBeGreaterThan(60_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(72_000);
    }
  });

  it("keeps two replicas' limiters within one burst for a caller calling both nonstop", async () => {
    const lines: string[] = [];
    const logger = createRecordingLogger(lines);
    const limiters = [first, second].map((store) => createRateLimiter({ store, logger, storeTimeoutMs: 10_000 }));
    // A token every 72 s: none comes back while the 200 calls run, however slowly.
    const limit = parseRateLimit("50/h");
    const admitted = await Promise.all(
      limiters.map(async (limiter) => {
        let count = 0;
        for (let call = 0; call < 100; call++) if ((await limiter.admit("hot-key", limit)) === undefined) count++;
        return count;
      }),
    );
    expect(lines).toEqual([]);
    expect(admitted.reduce((sum, count) => sum + count, 0)).toBe(50);
  });

  it("shares one budget between replicas taking in turn", async () => {
    const limit = parseRateLimit("10/h:10");
    const granted: number[] = [];
    for (let i = 0; i < 12; i++) granted.push((await (i % 2 ? first : second).take("turns", limit, 1)).granted);
    expect(granted).toEqual([...Array(10).fill(1), 0, 0]);
  });

  it("refills a key left idle by the time elapsed since its stored state", async () => {
    let time = 1_700_000_000_000;
    const clock = () => time;
    const [early, late] = [await openStore(clock), await openStore(clock)];
    const limit = { perSecond: 2, burst: 10 };
    expect(await early.take("idle-key", limit, 10)).toEqual({ granted: 10, retryAfterMs: 0 });
    expect(await late.take("idle-key", limit, 1)).toEqual({ granted: 0, retryAfterMs: 500 });
    time += 2_250;
    expect(await late.take("idle-key", limit, 10)).toEqual({ granted: 4, retryAfterMs: 0 });
    expect(await early.take("idle-key", limit, 1)).toEqual({ granted: 0, retryAfterMs: 250 });
    time += 60_000;
    expect(await early.take("idle-key", limit, 100)).toEqual({ granted: 10, retryAfterMs: 0 });
  });
});
