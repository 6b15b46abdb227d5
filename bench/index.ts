/**
 * `npm run bench`: Waybill's benchmarks, each beside the raw ceiling measured in the same run.
 *
 *   npm run bench                               all benchmarks, default sizes
 *   npm run bench -- --orders 5000 --concurrency 32
 *   npm run bench -- --json                     the results as JSON only (for machines)
 */
import { parseArgs } from "node:util";
import { benchPlaceOrder } from "./place-order-bench.js";
import { formatTable } from "./support/report.js";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "4000" },
    concurrency: { type: "string", default: "16" },
    skus: { type: "string", default: "2000" },
    json: { type: "boolean", default: false },
  },
  strict: true,
});
const orders = Number(values.orders);
const concurrency = Number(values.concurrency);
const skus = Number(values.skus);
for (const [name, value] of [["orders", orders], ["concurrency", concurrency], ["skus", skus]] as const) {
  if (!Number.isInteger(value) || value < 2) {
    console.error(`bench: --${name} must be a whole number of at least 2`);
    process.exit(2);
  }
}

const results = await benchPlaceOrder({ orders, concurrency, skus });
if (!values.json) {
  console.log(`\nPlaceOrder — ${orders} orders per path, concurrency ${concurrency}, everything on this machine\n`);
  console.log(formatTable(results));
  console.log("\nJSON:");
}
console.log(JSON.stringify({ benchmark: "place-order", orders, concurrency, results }, null, values.json ? 2 : 0));
