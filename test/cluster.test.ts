import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type ChaosDatabase, openChaosDatabase } from "../chaos/chaos-database.js";
import type { CheckResult } from "../chaos/checks/index.js";
import type { FaultRecord } from "../chaos/faults.js";
import { type SlowSmtpSink, startSlowSmtpSink } from "../chaos/slow-smtp-sink.js";
import { clusterServices, defaultReplicas } from "../cluster/cluster-layout.js";
import { type ClusterLoad, startClusterLoad } from "../cluster/cluster-load.js";
import { startCluster, type WaybillCluster } from "../cluster/start-cluster.js";
import { streamPlacement } from "../cluster/stream-replication.js";
import { withDatabase } from "../services/kit/database/index.js";
import { domainStreamName } from "../services/kit/events/naming.js";
import { waitUntil } from "./support/wait-for.js";

const secret = "cluster-test-secret-of-at-least-thirty-two-characters";
const id = randomBytes(4).toString("hex");
const logDir = await mkdtemp(join(tmpdir(), "waybill-cluster-test-"));
const started = performance.now();
const clock = () => (performance.now() - started) / 1000;
const timeline: string[] = [];
const event = (line: string) => {
  timeline.push(`[${clock().toFixed(1)} s] ${line}`);
  appendFileSync(join(logDir, "timeline.log"), `${timeline.at(-1)}\n`);
};
let smtp: SlowSmtpSink | undefined;
let cluster: WaybillCluster | undefined;
let load: ClusterLoad | undefined;
let db: ChaosDatabase | undefined;
let passed = false;

// Here and not only in the test: a test that times out never reaches its `finally`.
afterAll(async () => {
  await load?.driver.stop().catch(() => undefined);
  await db?.close().catch(() => undefined);
  await cluster?.stop();
  await smtp?.close().catch(() => undefined);
  if (passed) await rm(logDir, { recursive: true, force: true });
}, 120_000);

// A real cluster on loopback: three routed NATS servers of the test's own (R3 streams), each
// service in processes of its own (two replicas of orders and inventory) on an isolated database
// of the shared PostgreSQL. Under the chaos suite's load it kills -9 the NATS server leading the
// orders stream and, while it is down, one replica of every service; then it restarts them, waits
// until the cluster has settled and runs every chaos check. It asserts what held, never how fast.
it("keeps every invariant when the orders stream's leader and a replica of each service are killed under load", async () => {
  const faults: FaultRecord[] = [];
  let checks: CheckResult[] = [];
  try {
    smtp = await startSlowSmtpSink(20);
    const databaseUrl = withDatabase(
      process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/postgres",
      `waybill_test_cluster_${id}`,
    );
    cluster = await startCluster({
      replicas: defaultReplicas,
      natsNodes: 3,
      databaseUrl,
      dropDatabase: true,
      prefix: `cl${id}`,
      logDir,
      variables: {
        AUTH_SECRET: secret,
        SMTP_URL: smtp.url,
        ADMIN_EMAIL: "ops@cluster.test",
        RECONCILE_INTERVAL_MS: "0",
        NOTIFY_RETRY_BASE_MS: "1000",
        SHUTDOWN_GRACE_MS: "1000",
        LOG_LEVEL: "info",
      },
      clock,
      onEvent: event,
    });
    const c = cluster;
    // Each <SERVICE>_URL lists every replica of its service: calls between services are balanced and fail over.
    expect(c.peerLists).toBe(true);
    load = await startClusterLoad(c, {
      secret,
      ratePerSecond: 2,
      skus: 4,
      initialStock: 6,
      // Patient clients: on a busy 2-core machine one PlaceOrder (Orders, then Inventory) may take seconds.
      clientTimeoutMs: 10_000,
      giveUpMs: 60_000,
      seed: 11,
      clock,
    });
    const { driver } = load;
    const acknowledged = () => driver.stats().placements.acknowledged;
    const moreOrders = async (what: string, count = 5) => {
      const from = acknowledged();
      await waitUntil(
        async () => acknowledged(),
        (n) => n >= from + count,
        what,
        180_000,
      );
      event(`${acknowledged()} orders acknowledged (${what})`);
    };
    const fault = async (name: FaultRecord["name"], detail: string, work: () => Promise<void>) => {
      const at = clock();
      event(`fault: ${detail}`);
      await work();
      faults.push({ name, atSeconds: at, seconds: Math.round((clock() - at) * 10) / 10, detail });
    };
    event(`load starts: ${load.seed.skus.length} SKUs, ${load.seed.customerIds.length} customers`);
    driver.start();
    await moreOrders("before the faults");

    // The NATS server leading the orders stream, found as JetStream names it.
    const stream = domainStreamName(c.env.prefix, "orders");
    const before = await streamPlacement(c.jsm, stream);
    const leader = c.nats.node(before.leader);
    await fault("kill-nats", `kill -9 of ${leader.name}, leader of ${stream}`, () => leader.kill("SIGKILL"));
    const after = await waitUntil(
      () => streamPlacement(c.jsm, stream),
      (placement) => placement.leader !== "" && placement.leader !== before.leader,
      `a new leader of ${stream}`,
      60_000,
    );
    event(`${stream}: leader ${before.leader} → ${after.leader}`);

    // One replica of every service while that server is down; the single ones start again at once.
    const victims = clusterServices.map((service) => c.process(service, 1));
    const replicated = victims.filter((p) => defaultReplicas[p.service] > 1);
    await fault("kill-replica", `kill -9 of ${victims.map((p) => p.name).join(", ")}`, async () => {
      await Promise.all(victims.map((p) => c.replicas.kill(p.replica)));
      await Promise.all(victims.filter((p) => !replicated.includes(p)).map((p) => c.replicas.restart(p.replica)));
    });
    await moreOrders("served by the surviving replicas");

    await leader.start();
    await c.nats.waitUntilReady();
    event(`${leader.name} restarted`);
    await Promise.all(replicated.map((p) => c.replicas.restart(p.replica)));
    await moreOrders("after the restarts");
    await driver.stop();
    event(`load stopped: ${JSON.stringify(driver.stats().placements)}`);

    db = openChaosDatabase(databaseUrl);
    const settling = await load.settle(db, 240_000, (waiting) => event(`settling: ${waiting.join("; ") || "done"}`));
    const end = await streamPlacement(c.jsm, stream);
    event(`${stream} at the end: leader ${end.leader}, ${end.current}/${end.replicas} current`);
    checks = await load.check({ db, smtp, settling, faults });
    for (const check of checks) event(`${check.passed ? "pass" : "FAIL"} ${check.name}: ${check.numbers}`);
    const evidence = checks.flatMap((check) => check.evidence.map((line) => `  ${check.name}: ${line}`));
    console.log([...timeline, ...evidence].join("\n"));

    expect(checks.filter((check) => !check.passed).map((check) => check.name)).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(15);
    expect(after.leader).not.toBe(before.leader);
    expect(end).toMatchObject({ current: 3, replicas: 3 });
    expect(driver.stats().placements.acknowledged).toBeGreaterThan(0);
    passed = true;
  } catch (error) {
    const evidence = checks.flatMap((check) => check.evidence.map((line) => `  ${check.name}: ${line}`));
    const message = error instanceof Error ? error.message : String(error);
    throw new Error([message, ...timeline, ...evidence, `logs: ${logDir}`].join("\n"), { cause: error });
  }
}, 1_200_000);
