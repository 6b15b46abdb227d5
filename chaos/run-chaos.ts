import { appendFileSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { createWaybill } from "@waybill/sdk/node";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import { connectNats } from "../services/kit/events/index.js";
import { createLogger } from "../services/kit/logging/logger.js";
import type { IsolatedEnvironment } from "../test/support/isolated-environment.js";
import { type PrivateNats, startPrivateNats } from "../test/support/private-nats.js";
import { type PrivatePostgres, startPrivatePostgres } from "../test/support/private-postgres.js";
import { type ChaosDatabase, openChaosDatabase } from "./chaos-database.js";
import type { ChaosOptions } from "./chaos-options.js";
import { allPassed, type ChaosReport } from "./chaos-report.js";
import { type CheckResult, runChecks } from "./checks/index.js";
import { runFaultSchedule } from "./fault-schedule.js";
import type { FaultRecord } from "./faults.js";
import { createOrderDriver, driverSubject, type OrderDriver } from "./order-driver.js";
import { type ProgressLine, silentProgress } from "./progress-line.js";
import { createRandom } from "./random.js";
import { type ReplicaSet, startReplicaSet } from "./replica-set.js";
import { createCallLog } from "./retrying-call.js";
import { seedChaos } from "./seed.js";
import { waitUntilSettled } from "./settle.js";
import { type SlowSmtpSink, startSlowSmtpSink } from "./slow-smtp-sink.js";

/** The token secret of the run's replicas. */
const secret = "chaos-secret-of-at-least-thirty-two-characters";
/** Event prefix of the run (its NATS server is its own). */
const prefix = "chaos";
const database = "waybill_chaos";
/** Copied on every stock alert besides the brand's contact: two emails per alert. */
const adminEmail = "ops@chaos.test";

/** How a run reports progress: a progress line over the load, and where events go. */
export interface ChaosIo {
  /** Starts the progress line for a load of `totalSeconds` (default: none). */
  readonly progress?: (totalSeconds: number) => ProgressLine;
  /** Stops the load early (Ctrl-C): the run cleans up and throws. */
  readonly signal?: AbortSignal;
}

/**
 * Runs the chaos suite: its own PostgreSQL cluster and NATS server on spare ports, an SMTP server,
 * `options.replicas` Waybill processes; seeds a brand; places orders with retries, restocks and
 * cancels while injecting the faults; waits for the system to settle; checks every invariant.
 * Everything it started is stopped and removed, whatever happens; the logs stay in
 * `report.logDir` when a check failed (or `keepLogs`).
 *
 * @example
 * const report = await runChaos(slimChaos);
 * console.log(formatReport(report));
 */
export async function runChaos(options: ChaosOptions, io: ChaosIo = {}): Promise<ChaosReport> {
  const logDir = await mkdtemp(join(tmpdir(), "waybill-chaos-"));
  const started = performance.now();
  const clock = () => (performance.now() - started) / 1000;
  let progress: ProgressLine = silentProgress;
  const event = (line: string) => {
    appendFileSync(join(logDir, "timeline.log"), `[${clock().toFixed(1)} s] ${line}\n`);
    progress.event(line);
  };
  let postgres: PrivatePostgres | undefined;
  let nats: PrivateNats | undefined;
  let smtp: SlowSmtpSink | undefined;
  let replicas: ReplicaSet | undefined;
  let driver: OrderDriver | undefined;
  let checkNats: NatsConnection | undefined;
  let chaosDb: ChaosDatabase | undefined;
  let checks: CheckResult[] = [];
  try {
    postgres = await startPrivatePostgres();
    nats = await startPrivateNats();
    smtp = await startSlowSmtpSink(options.smtpDelayMs);
    event(`PostgreSQL on port ${postgres.port}, NATS on port ${nats.port}, SMTP at ${smtp.url}`);
    const env: IsolatedEnvironment = {
      databaseUrl: postgres.url(database),
      prefix,
      natsUrl: nats.url,
      mailDir: join(logDir, "mail"),
      cleanup: async () => undefined,
    };
    replicas = await startReplicaSet({
      size: options.replicas,
      env,
      variables: {
        AUTH_SECRET: secret,
        SMTP_URL: smtp.url,
        ADMIN_EMAIL: adminEmail,
        // Each replica runs its own in-process ad platform simulator: a reconcile against one that
        // does not know the campaign would archive it.
        RECONCILE_INTERVAL_MS: "0",
        NOTIFY_RETRY_BASE_MS: "1000",
        SHUTDOWN_GRACE_MS: "1000",
        LOG_LEVEL: options.logLevel,
      },
      logDir,
      clock,
      onEvent: event,
    });
    const set = replicas;
    const tokens = createTokenIssuer(secret);
    const token = await tokens.sign({ subject: driverSubject, role: "admin" });
    const admin = () => createWaybill({ baseUrl: set.url(1), token });
    const seed = await seedChaos(admin(), { skus: options.skus, initialStock: options.initialStock, customers: 10 });
    event(
      `seeded ${seed.skus.length} SKUs with ${options.initialStock} units each, ${seed.customerIds.length} customers`,
    );

    const calls = createCallLog();
    driver = createOrderDriver({
      replicaUrl: (replica) => set.url(replica),
      replicas: options.replicas,
      token,
      seed,
      ratePerSecond: options.ratePerSecond,
      supplyRatio: options.supplyRatio,
      cancelRatio: options.cancelRatio,
      clientTimeoutMs: options.clientTimeoutMs,
      giveUpMs: options.giveUpMs,
      random: createRandom(options.seed),
      restockRandom: createRandom(options.seed ^ 0x5bd1e995),
      clock,
      log: calls,
      keyPrefix: `chaos-${options.seed}`,
    });
    progress = io.progress?.(Math.round(options.durationMs / 1000)) ?? silentProgress;
    const loadStarted = clock();
    driver.start();
    let faultsDone = false;
    const faults = runFaultSchedule({
      faults: options.faults,
      everyMs: options.faultEveryMs,
      durationMs: options.durationMs,
      targets: { replicas: set, postgres, nats, database, options },
      clock,
      onFault: event,
    }).finally(() => {
      faultsDone = true;
    });
    const load = driver;
    const counts = () => {
      const { placements } = load.stats();
      return `orders ${placements.acknowledged} ok, ${placements.refused} refused, ${placements.pending} open | crashes ${set.unexpectedExits().length}`;
    };
    while (!io.signal?.aborted && (!faultsDone || clock() - loadStarted < options.durationMs / 1000)) {
      progress.update(clock() - loadStarted, counts());
      await sleep(500);
    }
    const faultRecords: FaultRecord[] = await faults;
    const loadSeconds = Math.round(clock() - loadStarted);
    event("load stops; waiting for open requests");
    await driver.stop();
    progress.update(clock() - loadStarted, counts());
    progress.stop();
    progress = silentProgress;
    if (io.signal?.aborted) throw new Error("chaos run interrupted");

    event("waiting for the system to settle");
    const db = openChaosDatabase(env.databaseUrl);
    chaosDb = db;
    checkNats = await connectNats({ url: nats.url, name: "chaos-checks", logger: createLogger({ level: "silent" }) });
    const jsm = await jetstreamManager(checkNats);
    const settling = await waitUntilSettled(db, jsm, prefix, set, options.settleTimeoutMs, (waiting) =>
      event(`settling: ${waiting.length > 0 ? waiting.join("; ") : "nothing left"}`),
    );
    event(settling.settled ? `settled after ${settling.seconds} s` : `not settled after ${settling.seconds} s`);
    checks = await runChecks(
      {
        db,
        jsm,
        prefix,
        driver,
        replicas: set,
        smtp,
        admin: admin(),
        seed,
        calls,
        settling,
        faults: faultRecords,
        logDir,
        orphanTimeoutMs: options.orphanTimeoutMs,
        replayLimit: options.replayLimit,
      },
      2,
    );
    for (const check of checks) event(`${check.passed ? "pass" : "FAIL"} ${check.name}: ${check.numbers}`);
    return {
      options,
      loadSeconds,
      stats: driver.stats(),
      faults: faultRecords,
      unexpectedExits: set.unexpectedExits(),
      checks,
      logDir,
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (logs: ${logDir})`, { cause: error });
  } finally {
    progress.stop();
    await driver?.stop().catch(() => undefined);
    await checkNats?.close().catch(() => undefined);
    await chaosDb?.close().catch(() => undefined);
    await replicas?.close().catch(() => undefined);
    await smtp?.close().catch(() => undefined);
    if (nats) await copyFile(nats.logFile, join(logDir, "nats.log")).catch(() => undefined);
    if (postgres) await copyFile(postgres.logFile, join(logDir, "postgres.log")).catch(() => undefined);
    await nats?.remove().catch(() => undefined);
    await postgres?.remove().catch(() => undefined);
    const failed = checks.length === 0 || !allPassed({ checks });
    if (!failed && !options.keepLogs) await rm(logDir, { recursive: true, force: true });
  }
}
