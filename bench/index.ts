/**
 * `npm run bench`: Waybill's benchmarks, each beside the raw ceiling measured in the same run.
 *
 *   npm run bench                               all benchmarks, default sizes
 *   npm run bench -- --only place-order --orders 5000 --concurrency 32
 *   npm run bench -- --only assignment --assignments 2000 --assign-rate 200
 *   npm run bench -- --json                     the results as JSON only (for machines)
 */
import { parseArgs } from "node:util";
import { benchAssignment, riderCapacity, ridersNeeded } from "./assignment-bench.js";
import { benchPlaceOrder } from "./place-order-bench.js";
import { formatTable } from "./support/report.js";

const benchmarks = ["place-order", "assignment"] as const;

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    orders: { type: "string", default: "4000" },
    concurrency: { type: "string", default: "16" },
    skus: { type: "string", default: "2000" },
    assignments: { type: "string", default: "1000" },
    zones: { type: "string", default: "5" },
    couriers: { type: "string" },
    "assign-rate": { type: "string", default: "100" },
    json: { type: "boolean", default: false },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const only = values.only;
if (only !== undefined && !(benchmarks as readonly string[]).includes(only))
  fail(`--only must be one of ${benchmarks.join(", ")}`);
const runs = (name: (typeof benchmarks)[number]) => only === undefined || only === name;

const orders = Number(values.orders);
const concurrency = Number(values.concurrency);
const skus = Number(values.skus);
const assignments = Number(values.assignments);
const zones = Number(values.zones);
const ratePerSecond = Number(values["assign-rate"]);
for (const [name, value, least] of [
  ["orders", orders, 2],
  ["concurrency", concurrency, 2],
  ["skus", skus, 2],
  ["assignments", assignments, 2],
  ["zones", zones, 1],
] as const) {
  if (!Number.isInteger(value) || value < least) fail(`--${name} must be a whole number of at least ${least}`);
}
if (!(ratePerSecond > 0)) fail("--assign-rate must be a positive number of orders per second");
const needed = ridersNeeded(assignments, zones);
const couriers = values.couriers === undefined ? Math.max(50, needed) : Number(values.couriers);
if (!Number.isInteger(couriers) || couriers < needed) {
  fail(
    `--couriers must be a whole number of at least ${needed}: riders carry ${riderCapacity} orders, and every order needs one`,
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
