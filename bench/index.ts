/**
 * `npm run bench`: Waybill's benchmarks, each beside the raw ceiling measured in the same run.
 *
 *   npm run bench                               all benchmarks, default sizes
 *   npm run bench -- --only place-order --orders 5000 --concurrency 32
 *   npm run bench -- --only assignment --assignments 2000 --assign-rate 200
 *   npm run bench -- --json                     the results as JSON only (for machines)
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { benchAssignment, riderCapacity, ridersNeeded } from "./assignment-bench.js";
import { benchPlaceOrder } from "./place-order-bench.js";
import { formatTable } from "./support/report.js";

const benchmarks = ["place-order", "assignment"] as const;

/** A parser of whole numbers of at least `least`. */
const atLeast = (least: number) => (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least)
    throw new InvalidArgumentError(`must be a whole number of at least ${least}`);
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
  .option(
    "--assign-rate <n>",
    "assignment: orders per second of the steady run",
    (text: string) => {
      const value = Number(text);
      if (!(value > 0)) throw new InvalidArgumentError("must be a positive number of orders per second");
      return value;
    },
    100,
  )
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

const documents: object[] = [];
if (runs("place-order")) {
  const results = await benchPlaceOrder({ orders, concurrency, skus });
  if (!values.json) {
    console.log(`\nPlaceOrder — ${orders} orders per path, concurrency ${concurrency}, everything on this machine\n`);
    console.log(formatTable(results));
  }
  documents.push({ benchmark: "place-order", orders, concurrency, results });
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
if (!values.json) console.log("\nJSON:");
console.log(JSON.stringify({ benchmarks: documents }, null, values.json ? 2 : 0));
