import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { BucketStore, Grant } from "./bucket-store.js";
import { createMemoryBucketStore } from "./memory-bucket-store.js";
import type { RateLimit } from "./rate-limit.js";
import { createRateLimiter, type RateLimiterOptions } from "./rate-limiter.js";

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

type Mode = "answer" | "throw" | "hang";

/**
 * A real memory store that records what the limiter asks of it; in mode "throw" it fails and in
 * mode "hang" it never answers, as NATS KV does when the server is gone.
 */
function recordingStore(now: () => number) {
  const inner = createMemoryBucketStore({ now });
  const asked: number[] = [];
  let mode: Mode = "answer";
  const store: BucketStore = {
    take(key, limit, wanted): Promise<Grant> {
      asked.push(wanted);
      if (mode === "throw") return Promise.reject(new Error("nats: connection closed"));
      if (mode === "hang") return new Promise<Grant>(() => {});
      return inner.take(key, limit, wanted);
    },
  };
  return {
    store,
    inner,
    asked,
    setMode: (next: Mode) => {
      mode = next;
    },
  };
}

function setUp(options: Partial<RateLimiterOptions> = {}) {
  const time = manualClock();
  const shared = recordingStore(time.now);
  const lines: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
  const limiter = createRateLimiter({ store: shared.store, logger, now: time.now, ...options });
  const warnings = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string; fallbackMs: number });
  return { time, shared, limiter, warnings };
}

async function admitMany(admit: () => Promise<unknown>, count: number): Promise<{ admitted: number; refused: number }> {
  const outcomes = await Promise.all(Array.from({ length: count }, admit));
  const admitted = outcomes.filter((outcome) => outcome === undefined).length;
  return { admitted, refused: count - admitted };
}

describe("createRateLimiter", () => {
  it("serves concurrent admits of one key from shared trips to the store", async () => {
    const { shared, limiter } = setUp();
    const limit: RateLimit = { perSecond: 100, burst: 100 };
    expect(await admitMany(() => limiter.admit("k", limit), 30)).toEqual({ admitted: 30, refused: 0 });
    // One trip for the first admit, then one for the 29 that waited meanwhile.
    expect(shared.asked).toEqual([1, 29]);
    // All 29 were spent: the next lease is twice that, held to a tenth of the burst, and serves
    // the following admits without a trip.
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(shared.asked).toEqual([1, 29, 10]);
    for (let i = 0; i < 9; i++) expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(shared.asked).toHaveLength(3);
  });

  it("never admits more than the burst however many admits race", async () => {
    const { shared, limiter } = setUp();
    const limit: RateLimit = { perSecond: 1, burst: 25 };
    expect(await admitMany(() => limiter.admit("k", limit), 100)).toEqual({ admitted: 25, refused: 75 });
    expect(shared.asked.length).toBeLessThanOrEqual(3);
  });

  it("never refuses a caller under its rate, however many replicas it spreads over", async () => {
    const time = manualClock();
    const shared = createMemoryBucketStore({ now: time.now });
    const logger = pino({ level: "silent" });
    const replicas = Array.from({ length: 20 }, () => createRateLimiter({ store: shared, logger, now: time.now }));
    const limit: RateLimit = { perSecond: 50, burst: 100 };
    // 45 calls a second for two minutes, round-robin over 20 replicas (about 2 a second each).
    let refused = 0;
    for (let call = 0; call < 45 * 120; call++) {
      time.advance(1000 / 45);
      if ((await replicas[call % replicas.length]!.admit("k", limit)) !== undefined) refused++;
    }
    expect(refused).toBe(0);
  });

  it("keeps separate keys apart", async () => {
    const { limiter } = setUp();
    const limit: RateLimit = { perSecond: 1, burst: 2 };
    expect(await admitMany(() => limiter.admit("a", limit), 5)).toEqual({ admitted: 2, refused: 3 });
    expect(await admitMany(() => limiter.admit("b", limit), 5)).toEqual({ admitted: 2, refused: 3 });
  });

  it("drops leased tokens not spent within leaseMs", async () => {
    const { time, shared, limiter } = setUp({ leaseMs: 10 });
    const limit: RateLimit = { perSecond: 20, burst: 100 }; // leases grow 1, 2, 4… up to 10
    for (let i = 0; i < 4; i++) expect(await limiter.admit("k", limit)).toBeUndefined();
    // Each lease spent in full doubles the next: 1, then 2, then 4 (one of them spent).
    expect(shared.asked).toEqual([1, 2, 4]);
    time.advance(10);
    // 3 leased tokens are left but expired: they are dropped, and the next lease is sized by the
    // one token this replica spent of the last.
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(shared.asked).toEqual([1, 2, 4, 1]);
    // 8 taken from the shared bucket of 100 (and 0.2 refilled over the 10 ms).
    expect((await shared.inner.take("k", limit, 1_000)).granted).toBe(92);
  });

  it("refuses from memory while the bucket is empty, then asks the store once it has refilled", async () => {
    const { time, shared, limiter } = setUp();
    const limit: RateLimit = { perSecond: 1, burst: 2 };
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(await limiter.admit("k", limit)).toEqual({ retryAfterMs: 1_000 });
    expect(shared.asked).toEqual([1, 1, 1]);
    time.advance(400);
    expect(await limiter.admit("k", limit)).toEqual({ retryAfterMs: 600 });
    time.advance(599);
    expect(await admitMany(() => limiter.admit("k", limit), 5)).toEqual({ admitted: 0, refused: 5 });
    expect(await limiter.admit("k", limit)).toEqual({ retryAfterMs: 1 });
    expect(shared.asked).toHaveLength(3);
    time.advance(1);
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(shared.asked).toEqual([1, 1, 1, 1]);
  });

  for (const failure of ["throw", "hang"] as const) {
    it(`counts alone for fallbackMs when the store ${failure === "throw" ? "fails" : "never answers"}, warning once`, async () => {
      const { time, shared, limiter, warnings } = setUp({ storeTimeoutMs: 30, fallbackMs: 5_000 });
      const limit: RateLimit = { perSecond: 1, burst: 3 };
      shared.setMode(failure);
      const started = performance.now();
      // Five at once: one trip, which fails or times out; the fallback has a full bucket of 3.
      expect(await admitMany(() => limiter.admit("k", limit), 5)).toEqual({ admitted: 3, refused: 2 });
      // The first admit asked for one token; the four that waited were served by the fallback.
      const elapsed = performance.now() - started;
      if (failure === "hang") expect(elapsed).toBeGreaterThanOrEqual(25);
      expect(elapsed).toBeLessThan(1_000);
      expect(shared.asked).toEqual([1]);
      expect(warnings()).toEqual([
        expect.objectContaining({
          level: 40,
          fallbackMs: 5_000,
          msg: "rate limits: the shared buckets (NATS KV) did not answer - each replica counts alone for a while",
        }),
      ]);
      // While alone, the per-process bucket counts, without trips to the store.
      time.advance(2_000);
      expect(await admitMany(() => limiter.admit("k", limit), 5)).toEqual({ admitted: 2, refused: 3 });
      expect(shared.asked).toEqual([1]);
      // After fallbackMs the store is asked again, and counts again.
      shared.setMode("answer");
      time.advance(3_000);
      expect(await admitMany(() => limiter.admit("k", limit), 5)).toEqual({ admitted: 3, refused: 2 });
      expect(shared.asked.length).toBeGreaterThan(1);
      expect((await shared.inner.take("k", limit, 10)).granted).toBe(0);
      expect(warnings()).toHaveLength(1);
    });
  }

  it("warns again when the store still fails after fallbackMs", async () => {
    const { time, shared, limiter, warnings } = setUp({ storeTimeoutMs: 30, fallbackMs: 1_000 });
    const limit: RateLimit = { perSecond: 100, burst: 100 };
    shared.setMode("throw");
    expect(await limiter.admit("k", limit)).toBeUndefined();
    time.advance(1_000);
    expect(await limiter.admit("k", limit)).toBeUndefined();
    expect(shared.asked).toHaveLength(2);
    expect(warnings()).toHaveLength(2);
  });
});
