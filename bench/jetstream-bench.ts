import { randomBytes, randomUUID } from "node:crypto";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { startPrivateNatsCluster } from "../test/support/private-nats-cluster.js";
import { type RunStats, summarize } from "./support/latency-stats.js";
import { alignTable } from "./support/text-table.js";

/** Options of {@link benchJetStream}. */
export interface JetStreamBenchOptions {
  /** Messages published per run. */
  readonly messages: number;
  /** Publishes in flight at once (each waits for its acknowledgement). */
  readonly concurrency: number;
  /** The shared server (`NATS_URL`, default `nats://127.0.0.1:4222`). */
  readonly sharedUrl: string;
}

/** One run of {@link benchJetStream}. */
export interface JetStreamRun {
  readonly where: string;
  readonly replicas: number;
  readonly stats: RunStats;
}

/** An event envelope's size on the wire (the bench's orders average 330-420 bytes). */
const payloadBytes = 400;

/**
 * The raw ceiling of the event bus: acknowledged publishes with a message id (deduplicated, as
 * the outbox relays publish) to a file-stored stream, on the shared single server (R1) and on a
 * private 3-node cluster on loopback (R1 and R3). Waybill's own events cost one such publish each.
 */
export async function benchJetStream(options: JetStreamBenchOptions): Promise<JetStreamRun[]> {
  const runs: JetStreamRun[] = [
    { where: "shared server", replicas: 1, stats: await measure(options.sharedUrl, 1, options) },
  ];
  const cluster = await startPrivateNatsCluster({ name: `bench-${randomBytes(3).toString("hex")}` });
  try {
    for (const replicas of [1, 3]) {
      runs.push({ where: "3-node cluster", replicas, stats: await measure(cluster.url, replicas, options) });
    }
  } finally {
    await cluster.remove();
  }
  return runs;
}

async function measure(servers: string, replicas: number, options: JetStreamBenchOptions): Promise<RunStats> {
  const nc = await connect({ servers: servers.split(","), name: "bench-jetstream" });
  const jsm = await jetstreamManager(nc);
  const name = `BENCH_JS_${randomBytes(4).toString("hex").toUpperCase()}`;
  const subject = `${name.toLowerCase()}.event`;
  await jsm.streams.add({ name, subjects: [subject], num_replicas: replicas, duplicate_window: 120_000_000_000 });
  try {
    const js = jetstream(nc);
    const body = randomBytes(payloadBytes);
    // Warm-up, not measured: connections, the stream's first blocks, the leader's caches.
    await publishAll(js, subject, body, Math.min(500, options.messages), options.concurrency);
    const started = performance.now();
    const { latencies, failed } = await publishAll(js, subject, body, options.messages, options.concurrency);
    return summarize(latencies, failed, performance.now() - started);
  } finally {
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
}

async function publishAll(
  js: ReturnType<typeof jetstream>,
  subject: string,
  body: Uint8Array,
  messages: number,
  concurrency: number,
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < messages) {
      next += 1;
      const sent = performance.now();
      try {
        await js.publish(subject, body, { msgID: randomUUID() });
        latencies.push(performance.now() - sent);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, failed };
}

/** The runs as a table for people. */
export function formatJetStreamTable(runs: readonly JetStreamRun[]): string {
  return alignTable(
    ["where", "replicas", "msgs/s", "p50 ms", "p99 ms", "ok", "failed"],
    runs.map((run) => [
      run.where,
      `R${run.replicas}`,
      String(run.stats.perSecond),
      run.stats.p50Ms.toFixed(2),
      run.stats.p99Ms.toFixed(2),
      String(run.stats.ok),
      String(run.stats.failed),
    ]),
    2,
  );
}
