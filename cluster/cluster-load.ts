import type { ChaosDatabase } from "../chaos/chaos-database.js";
import { type CheckResult, runChecks } from "../chaos/checks/index.js";
import type { FaultRecord } from "../chaos/faults.js";
import { createOrderDriver, driverSubject, type OrderDriver } from "../chaos/order-driver.js";
import { createRandom } from "../chaos/random.js";
import { type CallLog, createCallLog } from "../chaos/retrying-call.js";
import { type ChaosSeed, seedChaos } from "../chaos/seed.js";
import { type Settling, waitUntilSettled } from "../chaos/settle.js";
import type { SlowSmtpSink } from "../chaos/slow-smtp-sink.js";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import type { WaybillCluster } from "./start-cluster.js";

/** The chaos suite's load on a cluster: how much, and how patient its clients are. */
export interface ClusterLoadOptions {
  /** `AUTH_SECRET` of the cluster's processes. */
  readonly secret: string;
  readonly ratePerSecond: number;
  readonly skus: number;
  readonly initialStock: number;
  readonly clientTimeoutMs: number;
  readonly giveUpMs: number;
  /** The seeded choices of the orders and restocks. */
  readonly seed: number;
  /** Seconds since the run began. */
  readonly clock: () => number;
}

/** The load running on a cluster, and the chaos checks over what it did. */
export interface ClusterLoad {
  readonly driver: OrderDriver;
  readonly seed: ChaosSeed;
  readonly calls: CallLog;
  /** Waits until the streams are replicated again, then until the chaos suite's settling holds. */
  settle(db: ChaosDatabase, timeoutMs: number, onWaiting: (waiting: readonly string[]) => void): Promise<Settling>;
  /** Runs every check of the chaos suite (`chaos/checks/`) over the cluster. */
  check(options: {
    readonly db: ChaosDatabase;
    readonly smtp: SlowSmtpSink;
    readonly settling: Settling;
    readonly faults: readonly FaultRecord[];
  }): Promise<CheckResult[]>;
}

/** Recipients of each stock alert: the brand's contact and `ADMIN_EMAIL`, which the cluster must set. */
const alertRecipients = 2;

/**
 * Seeds the chaos brand through lane 1 and creates the chaos suite's order driver over the
 * cluster's lanes: a PlaceOrder whose orders replica is killed is retried with the same key on
 * the other lane (`chaos/retrying-call.ts`). Call `driver.start()` to begin.
 */
export async function startClusterLoad(cluster: WaybillCluster, options: ClusterLoadOptions): Promise<ClusterLoad> {
  const token = await createTokenIssuer(options.secret).sign({ subject: driverSubject, role: "admin" });
  const lanes = Array.from({ length: cluster.lanes }, (_, i) => cluster.client(i + 1, token));
  const lane = (n: number) => {
    const found = lanes[n - 1];
    if (!found) throw new Error(`no lane ${n}`);
    return found;
  };
  const seed = await seedChaos(lane(1), { skus: options.skus, initialStock: options.initialStock, customers: 10 });
  const calls = createCallLog();
  const driver = createOrderDriver({
    replicaUrl: (n) => cluster.process("orders", ((n - 1) % cluster.lanes) + 1).url,
    replicas: cluster.lanes,
    clientOf: lane,
    token,
    seed,
    ratePerSecond: options.ratePerSecond,
    supplyRatio: 0.6,
    cancelRatio: 0.1,
    clientTimeoutMs: options.clientTimeoutMs,
    giveUpMs: options.giveUpMs,
    random: createRandom(options.seed),
    restockRandom: createRandom(options.seed ^ 0x5bd1e995),
    clock: options.clock,
    log: calls,
    keyPrefix: `cluster-${options.seed}`,
  });
  return {
    driver,
    seed,
    calls,
    async settle(db, timeoutMs, onWaiting) {
      const started = performance.now();
      try {
        await cluster.waitUntilReplicated(timeoutMs);
      } catch (error) {
        const seconds = Math.round((performance.now() - started) / 100) / 10;
        return { settled: false, seconds, waiting: [error instanceof Error ? error.message : String(error)] };
      }
      const left = Math.max(1_000, timeoutMs - (performance.now() - started));
      return waitUntilSettled(db, cluster.jsm, cluster.env.prefix, cluster.replicas, left, onWaiting);
    },
    check: ({ db, smtp, settling, faults }) =>
      runChecks(
        {
          db,
          jsm: cluster.jsm,
          prefix: cluster.env.prefix,
          driver,
          replicas: cluster.replicas,
          smtp,
          admin: lane(1),
          seed,
          calls,
          settling,
          faults,
          logDir: "",
          orphanTimeoutMs: 30_000,
          replayLimit: 50,
        },
        alertRecipients,
      ),
  };
}
