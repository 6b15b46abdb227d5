import { randomBytes } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import type { LoadOptions } from "./load-options.js";
import { defaultConcurrency, defaultDurationMs, defaultOpenLimit } from "./load-options.js";
import { mixSchedule } from "./operation-mix.js";
import { createOperations } from "./operations.js";
import { createOrderPool } from "./order-pool.js";
import { noProgress, startProgress } from "./progress.js";
import { createRecorder } from "./recorder.js";
import { buildReport, type LoadReport } from "./report.js";
import { runLoop } from "./run-loop.js";
import type { Workload } from "./workload.js";

/** What a run needs besides its options. */
export interface RunLoadDeps {
  readonly client: Waybill;
  readonly workload: Workload;
  /** Where the token came from, for the report. */
  readonly tokenSource: string;
  /** Aborted to stop the run early (Ctrl-C); what ran is still reported. */
  readonly stop: AbortSignal;
}

/** The loop's shape from the options: open at `--rate`, else closed; 30 s unless told otherwise. */
export function loadShape(options: LoadOptions): LoadReport["load"] {
  const open = options.rate !== undefined;
  const durationMs = options.durationMs ?? (options.requests === undefined ? defaultDurationMs : undefined);
  return {
    mode: open ? "open" : "closed",
    concurrency: options.concurrency ?? (open ? defaultOpenLimit : defaultConcurrency),
    ...(open ? { ratePerSecond: options.rate } : {}),
    ...(options.requests === undefined ? {} : { requests: options.requests }),
    ...(durationMs === undefined ? {} : { durationMs }),
    mix: options.mix,
  };
}

/** Runs the load on the workload, with a progress bar when asked, and reports what ran. */
export async function runLoad(options: LoadOptions, deps: RunLoadDeps): Promise<LoadReport> {
  const load = loadShape(options);
  const recorder = createRecorder();
  const plan = createOperations({
    client: deps.client,
    workload: deps.workload,
    pool: createOrderPool(),
    keyPrefix: `load-${randomBytes(6).toString("hex")}`,
    zone: options.zone,
    timeoutMs: options.timeoutMs,
    pick: (length) => Math.floor(Math.random() * length),
  });
  const progress = options.progress
    ? startProgress(
        load.requests !== undefined
          ? { kind: "requests", total: load.requests }
          : { kind: "duration", totalMs: load.durationMs ?? 0 },
        recorder.live,
      )
    : noProgress;
  const result = await runLoop({
    ...load,
    kindAt: mixSchedule(options.mix),
    plan,
    recorder,
    stop: deps.stop,
  }).finally(() => progress.stop());
  const { workload } = deps;
  return buildReport(
    {
      target: { baseUrl: options.url, protocol: options.protocol, brandId: options.brand, token: deps.tokenSource },
      load,
      workload: {
        origin: workload.origin,
        items: workload.skus.length,
        customers: workload.customerIds.length,
        currencyCode: workload.currencyCode,
      },
      interrupted: result.interrupted,
      elapsedMs: result.elapsedMs,
    },
    recorder.summary(result.elapsedMs),
  );
}
