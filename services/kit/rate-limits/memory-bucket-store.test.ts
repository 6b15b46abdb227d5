import { describe, expect, it } from "vitest";
import { createMemoryBucketStore } from "./memory-bucket-store.js";

function clock(start = 1_700_000_000_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe("createMemoryBucketStore", () => {
  const limit = { perSecond: 1, burst: 5 };

  it("hands out the burst, then refills by the injected clock", async () => {
    const time = clock();
    const store = createMemoryBucketStore({ now: time.now });
    expect(await store.take("a", limit, 3)).toEqual({ granted: 3, retryAfterMs: 0 });
    expect(await store.take("a", limit, 3)).toEqual({ granted: 2, retryAfterMs: 0 });
    expect(await store.take("a", limit, 1)).toEqual({ granted: 0, retryAfterMs: 1_000 });
    time.advance(400);
    expect(await store.take("a", limit, 1)).toEqual({ granted: 0, retryAfterMs: 600 });
    time.advance(2_600);
    expect(await store.take("a", limit, 5)).toEqual({ granted: 3, retryAfterMs: 0 });
  });

  it("keeps a bucket per key", async () => {
    const store = createMemoryBucketStore({ now: clock().now });
    expect((await store.take("a", limit, 5)).granted).toBe(5);
    expect((await store.take("b", limit, 5)).granted).toBe(5);
    expect((await store.take("a", limit, 1)).granted).toBe(0);
  });

  it("forgets refilled buckets first when full, and every bucket when none has refilled", async () => {
    const time = clock();
    const store = createMemoryBucketStore({ now: time.now, maxBuckets: 2 });
    await store.take("drained", limit, 5);
    await store.take("sipped", limit, 1);
    time.advance(1_000);
    // "sipped" is full again, so it goes; "drained" (1 token) stays.
    await store.take("third", limit, 5);
    expect((await store.take("drained", limit, 5)).granted).toBe(1);
    // Now "drained" and "third" are both empty and a new key arrives: all are forgotten.
    await store.take("fourth", limit, 1);
    expect((await store.take("third", limit, 5)).granted).toBe(5);
  });
});
