import { readFile } from "node:fs/promises";
import { jetstream } from "@nats-io/jetstream";
import { type KV, Kvm } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectNats } from "../../services/kit/events/index.js";
import { createRateLimiter, openKvBucketStore, type RateLimiter } from "../../services/kit/rate-limits/index.js";
import {
  createRecordingLogger,
  createTestLogger,
  type PrivateNats,
  startPrivateNats,
  waitUntil,
} from "../support/index.js";

// A limiter over the NATS KV store of a private NATS server that the test stops and brings back:
// the limiter must keep answering (counting per process) while NATS is gone, and count in the
// shared bucket again once NATS is back and its fallback period is over. The limiter's and the
// store's clock is the test's, so the fallback period passes without waiting for it.
const bucket = "RATE_LIMITS_FAULTS";
const storeTimeoutMs = 200;
const fallbackMs = 5_000;
const limit = { perSecond: 20 / 3_600, burst: 20 }; // one token per trip to the store, no refill

let nats: PrivateNats;
let nc: NatsConnection;
let kv: KV;
let limiter: RateLimiter;
// For the restart: a store and limiter that wait longer, so that re-creating the bucket on a
// freshly restarted server is never mistaken for an outage on a busy machine.
let patientLimiter: RateLimiter;
const patientTimeoutMs = 3_000;
let time = 1_700_000_000_000;
const lines: string[] = [];

beforeAll(async () => {
  nats = await startPrivateNats();
  nc = await connectNats({ url: nats.url, name: "rate-limit-faults", logger: createTestLogger() });
  const now = () => time;
  const store = await openKvBucketStore({ js: jetstream(nc), bucket, replicas: 1, now });
  limiter = createRateLimiter({ store, logger: createRecordingLogger(lines), now, storeTimeoutMs, fallbackMs });
  const patientStore = await openKvBucketStore({ js: jetstream(nc), bucket, replicas: 1, now, timeoutMs: 2_000 });
  patientLimiter = createRateLimiter({
    store: patientStore,
    logger: createRecordingLogger(lines),
    now,
    storeTimeoutMs: patientTimeoutMs,
    fallbackMs,
  });
  kv = await new Kvm(jetstream(nc)).open(bucket);
});
afterAll(async () => {
  await nc?.close();
  await nats?.remove();
});

/** Tokens left in the shared bucket of `key`, as the KV bucket holds them. */
async function sharedTokens(key: string): Promise<number | undefined> {
  const entry = await kv.get(key);
  return entry?.operation === "PUT" ? (entry.json<{ tokens: number }>().tokens ?? undefined) : undefined;
}

function warnings(): string[] {
  return lines.filter((line) => line.includes("rate limits: the shared buckets (NATS KV) did not answer"));
}

/** Admits once and says how long the answer took. */
async function timedAdmit(key: string, by = limiter): Promise<{ outcome: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await by.admit(key, limit);
  return { outcome, ms: performance.now() - started };
}

function reconnected(connection: NatsConnection): Promise<void> {
  return (async () => {
    for await (const status of connection.status()) if (status.type === "reconnect") return;
  })();
}

/** The kernel's state letter of a process (`T` once stopped), from /proc. */
async function processState(pid: number | undefined): Promise<string | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // pid (comm) state …: the name may hold spaces and parentheses, the state follows the last ")".
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}

describe("the rate limiter when NATS goes away", () => {
  it("keeps admitting while NATS is frozen, and counts in the shared bucket once it answers again", async () => {
    const key = "principal.frozen";
    for (let i = 0; i < 3; i++) expect(await limiter.admit(key, limit)).toBeUndefined();
    expect(await sharedTokens(key)).toBe(17);

    nats.signal("SIGSTOP");
    // A signal is delivered in its own time: until the server is stopped it may still answer.
    await waitUntil(
      () => processState(nats.pid()),
      (state) => state === "T",
      "nats-server to be stopped",
    );
    try {
      const during = await timedAdmit(key);
      expect(during.outcome).toBeUndefined();
      expect(during.ms).toBeGreaterThanOrEqual(storeTimeoutMs - 10);
      expect(during.ms).toBeLessThan(storeTimeoutMs + 1_000);
      expect(warnings()).toHaveLength(1);
      // Alone, the replica answers at once from its own bucket.
      const alone = await timedAdmit(key);
      expect(alone.outcome).toBeUndefined();
      expect(alone.ms).toBeLessThan(storeTimeoutMs);
    } finally {
      nats.signal("SIGCONT");
    }
    // The take that timed out still lands once the server wakes: its token is spent, not handed
    // out (lost on the safe side).
    await waitUntil(
      () => sharedTokens(key),
      (tokens) => tokens === 16,
      "the timed-out take to land",
    );
    time += fallbackMs;
    for (let i = 0; i < 2; i++) expect(await limiter.admit(key, limit)).toBeUndefined();
    expect(await sharedTokens(key)).toBeCloseTo(14 + (fallbackMs / 1_000) * limit.perSecond, 9);
    expect(warnings()).toHaveLength(1);
  });

  it("keeps admitting while NATS is down and after it restarts", async () => {
    const key = "principal.restarted";
    time += fallbackMs;
    const before = warnings().length;
    for (let i = 0; i < 3; i++) expect(await patientLimiter.admit(key, limit)).toBeUndefined();
    expect(await sharedTokens(key)).toBe(17);

    const back = reconnected(nc);
    await nats.kill("SIGKILL");
    const during = await timedAdmit(key, patientLimiter);
    expect(during.outcome).toBeUndefined();
    expect(during.ms).toBeLessThan(patientTimeoutMs + 1_000);
    expect(warnings()).toHaveLength(before + 1);
    await nats.start();
    await back;
    expect(await patientLimiter.admit(key, limit)).toBeUndefined();
  });

  it("counts in the shared bucket again once NATS is back after a restart", async () => {
    const key = "principal.restarted";
    const before = warnings().length;
    time += fallbackMs;
    for (let i = 0; i < 2; i++) expect(await patientLimiter.admit(key, limit)).toBeUndefined();
    expect(warnings()).toHaveLength(before);
    // The restarted server starts without buckets: the 2 admits are counted in a new, full one (a
    // take lost with the old server may land too).
    expect(await sharedTokens(key)).toBeLessThanOrEqual(18);
  });
});
