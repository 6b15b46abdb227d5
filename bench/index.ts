/**
 * `npm run bench`: Waybill's benchmarks, each beside the raw ceiling measured in the same run.
 *
 *   npm run bench                               all benchmarks, default sizes
 *   npm run bench -- --only place-order --orders 5000 --concurrency 32
 *   npm run bench -- --only assignment --assignments 2000 --assign-rate 200
 *   npm run bench -- --only place-order --lag-rate 25 --steady-seconds 60
 *   npm run bench -- --only rate-limits --calls 8000
 *   npm run bench -- --only startup --startup-runs 5
 *   npm run bench -- --only jetstream --messages 50000
 *   npm run bench -- --json                     the results as JSON only (for machines)
 *   npm run bench -- --report bench.html        also an HTML page with charts (works offline)
 *
 * Exits with 1 when a correctness check after a PlaceOrder run fails (see bench/README.md).
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { benchAssignment, riderCapacity, ridersNeeded } from "./assignment-bench.js";
import { benchJetStream, formatJetStreamTable } from "./jetstream-bench.js";
import { benchPlaceOrder, steadyEventsPerSecond } from "./place-order-bench.js";
import { benchRateLimits, rateLimitPaths } from "./rate-limit-bench.js";
import { benchStartup, formatStartupTable } from "./startup-bench.js";
import { formatChecks, formatDrainTable, formatEventsTable, formatLagTable } from "./support/after-run-report.js";
import type { BenchDocument } from "./support/bench-document.js";
import { allPassed } from "./support/check-result.js";
import { writeHtmlReport } from "./support/html-report-file.js";
import { formatTable } from "./support/report.js";

const benchmarks = ["place-order", "assignment", "rate-limits", "startup", "jetstream"] as const;

/** A parser of whole numbers of at least `least`. */
const atLeast = (least: number) => (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least)
    throw new InvalidArgumentError(`must be a whole number of at least ${least}`);
  return value;
};

/** A parser of positive numbers of `unit`. */
const positive = (unit: string) => (text: string) => {
  const value = Number(text);
  if (!(value > 0)) throw new InvalidArgumentError(`must be a positive number of ${unit}`);
  return value;
};

const program = new Command("npm run bench --")
  .description("Runs Waybill's benchmarks, each beside the raw ceiling measured in the same run, and prints a table.")
  .addOption(new Option("--only <benchmark>", "run one benchmark").choices(benchmarks))
  .option("--orders <n>", "PlaceOrder: orders per path", atLeast(2), 4000)
  .option("--concurrency <n>", "PlaceOrder: concurrent clients", atLeast(2), 16)
  .option("--skus <n>", "PlaceOrder: SKUs the many-SKU path spreads over", atLeast(2), 2000)
  .option("--assignments <n>", "assignment: ready orders per path and scenario", atLeast(2), 1000)
  .option("--zones <n>", "assignment: zones", atLeast(1), 5)
  .option(
    "--couriers <n>",
    "assignment: riders per scenario (default: at least 50 and enough for every order)",
    atLeast(1),
  )
  .option("--assign-rate <n>", "assignment: orders per second of the steady run", positive("orders per second"), 100)
  .option(
    "--lag-rate <n>",
    `PlaceOrder: orders per second of the steady scenario (default: about ${steadyEventsPerSecond} events/s at the events per order of the many-SKU run)`,
    positive("orders per second"),
  )
  .option("--steady-seconds <n>", "PlaceOrder: how long the steady scenario sends orders", positive("seconds"), 20)
  .option(
    "--drain-timeout <s>",
    "PlaceOrder: longest wait after a run for every event to be published and consumed",
    positive("seconds"),
    120,
  )
  .option("--promo-every <n>", "PlaceOrder: every n-th order carries a campaign's promo code (0: none)", atLeast(0), 10)
  .option("--calls <n>", "rate-limits: GetItem calls per path and scenario", atLeast(2), 4000)
  .option("--startup-runs <n>", "startup: starts of each process and runner after the first", atLeast(1), 5)
  .option("--messages <n>", "jetstream: acknowledged publishes per run", atLeast(2), 20000)
  .option("--report <file>", "also write the results as an HTML page with charts")
  .option("--json", "print the results as JSON only (for machines)", false)
  .showHelpAfterError("(run with --help for usage)");

const values = program.parse().opts<{
  only?: (typeof benchmarks)[number];
  orders: number;
  concurrency: number;
  skus: number;
  assignments: number;
  zones: number;
  couriers?: number;
  assignRate: number;
  lagRate?: number;
  steadySeconds: number;
  drainTimeout: number;
  promoEvery: number;
  calls: number;
  startupRuns: number;
  messages: number;
  report?: string;
  json: boolean;
}>();
const runs = (name: (typeof benchmarks)[number]) => values.only === undefined || values.only === name;
const { orders, concurrency, skus, assignments, zones } = values;
const ratePerSecond = values.assignRate;
const needed = ridersNeeded(assignments, zones);
const couriers = values.couriers ?? Math.max(50, needed);
if (couriers < needed) {
  program.error(
    `--couriers must be at least ${needed}: riders carry ${riderCapacity} orders, and every order needs one`,
  );
}

const documents: BenchDocument[] = [];
let checksPassed = true;
if (runs("place-order")) {
  const results = await benchPlaceOrder({
    orders,
    concurrency,
    skus,
    ...(values.lagRate === undefined ? {} : { lagRate: values.lagRate }),
    steadySeconds: values.steadySeconds,
    drainTimeoutMs: values.drainTimeout * 1000,
    promoEvery: values.promoEvery,
  });
  checksPassed = results.every((result) => allPassed(result.checks));
  if (!values.json) {
    console.log(`\nPlaceOrder — ${orders} orders per path, concurrency ${concurrency}, everything on this machine\n`);
    console.log(formatTable(results));
    console.log(
      "\nAfter each run: drain (last answer to every outbox published and every consumer caught up) and commit → consumer lag (ms)\n",
    );
    console.log(formatDrainTable(results));
    console.log("");
    console.log(formatLagTable(results));
    console.log("");
    console.log(formatEventsTable(results));
    console.log("\nChecks:");
    console.log(formatChecks(results));
  }
  documents.push({ benchmark: "place-order", orders, concurrency, checksPassed, results });
}
if (runs("assignment")) {
  const results = await benchAssignment({ orders: assignments, zones, couriers, ratePerSecond });
  if (!values.json) {
    console.log(
      `\nFleet assignment — ${assignments} ready orders per path and scenario over ${zones} zones, ${couriers} riders of capacity ${riderCapacity};` +
        `\nzones side by side, so the ceiling uses a connection per zone; time from ready (published) to OrderAssigned received\n`,
    );
    console.log(formatTable(results, { waybillPath: "waybill (events)", failed: "unassigned" }));
    console.log("\nInside Fleet (ready to assigned_at written, before commit and relay):");
    for (const r of results) {
      console.log(
        `  ${r.scenario}: p50 ${r.waybillToAssignedAt.p50Ms} ms, p99 ${r.waybillToAssignedAt.p99Ms} ms (${r.waybillToAssignedAt.ok} assigned)`,
      );
    }
  }
  documents.push({ benchmark: "assignment", orders: assignments, zones, couriers, ratePerSecond, results });
}
if (runs("rate-limits")) {
  const results = await benchRateLimits({ calls: values.calls, concurrency });
  if (!values.json) {
    console.log(
      `\nRate limits — GetItem over gRPC, ${values.calls} calls per path, concurrency ${concurrency}; the same calls with RATE_LIMITS=off are the baseline\n`,
    );
    console.log(formatTable(results, { waybillPath: rateLimitPaths.waybill, ceilingPath: rateLimitPaths.ceiling }));
  }
  documents.push({ benchmark: "rate-limits", calls: values.calls, concurrency, paths: rateLimitPaths, results });
}
if (runs("startup")) {
  const startup = await benchStartup({
    runs: values.startupRuns,
    progress: (line) => console.error(`startup: ${line}`),
  });
  if (!values.json) {
    console.log(
      `\nStart-up — spawn to the first GET /readyz 200; first: on a fresh database, then ${values.startupRuns} starts on it (p50, max)\n`,
    );
    console.log(formatStartupTable(startup));
  }
  documents.push({ benchmark: "startup", runs: values.startupRuns, results: [], startup });
}
if (runs("jetstream")) {
  const sharedUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
  const jetStreamRuns = await benchJetStream({ messages: values.messages, concurrency, sharedUrl });
  if (!values.json) {
    console.log(
      `\nJetStream ceiling — ${values.messages} acknowledged publishes of 400 bytes with a message id per run, ${concurrency} in flight; one per Waybill event\n`,
    );
    console.log(formatJetStreamTable(jetStreamRuns));
  }
  documents.push({
    benchmark: "jetstream",
    messages: values.messages,
    concurrency,
    results: [],
    jetStream: jetStreamRuns,
  });
}
if (!values.json) console.log("\nJSON:");
console.log(JSON.stringify({ benchmarks: documents }, null, values.json ? 2 : 0));
if (values.report) {
  await writeHtmlReport(values.report, documents);
  console.error(`report written to ${values.report}`);
}
if (!checksPassed) {
  console.error("\nCHECKS FAILED after a PlaceOrder run: see `checks` in the results");
  process.exitCode = 1;
}
