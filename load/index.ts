/**
 * `npm run load`: a load generator for a running Waybill (see load/README.md).
 *
 *   npm run load -- --setup --requests 500                     closed loop of 16 on brand "load"
 *   npm run load -- --rate 200 --duration 30s                  open loop, 200 operations a second
 *   npm run load -- --mix orders=60,stock=10,status=10,reads=20 --concurrency 32 --json
 */
import { ConnectError } from "@connectrpc/connect";
import { createWaybill } from "@waybill/sdk/node";
import { CredentialError, resolveToken } from "./credentials.js";
import { discoverWorkload, EmptyWorkloadError } from "./discover-workload.js";
import { stopOnSignals } from "./interrupt.js";
import { loadCommand, readLoadOptions } from "./load-options.js";
import { codeName } from "./recorder.js";
import { formatReport } from "./report.js";
import { loadShape, runLoad } from "./run-load.js";
import { setUpWorkload } from "./setup-workload.js";

const program = loadCommand();
const options = readLoadOptions(program.parse());
const note = (line: string) => {
  if (!options.json) process.stderr.write(`${line}\n`);
};

/** Ends with a one-line reason (exit 1) when Waybill cannot be worked with at all. */
function fail(what: string, error: unknown): never {
  const exit = (line: string): never => {
    process.stderr.write(`error: ${line}\n`);
    return process.exit(1);
  };
  if (error instanceof CredentialError || error instanceof EmptyWorkloadError) exit(error.message);
  if (error instanceof ConnectError) {
    const hints: Readonly<Record<string, string>> = {
      unauthenticated: " (is the token right? --token/WAYBILL_TOKEN, or Waybill's --secret/AUTH_SECRET)",
      unavailable: ` (is Waybill running at ${options.url}?)`,
      permission_denied: ` (the token may not do this for brand ${options.brand}: an admin token may)`,
    };
    const code = codeName(error.code);
    exit(`${what} failed: [${code}] ${error.rawMessage}${hints[code] ?? ""}`);
  }
  throw error;
}

const credentials = await resolveToken({
  ...(options.token === undefined ? {} : { token: options.token }),
  ...(options.secret === undefined ? {} : { secret: options.secret }),
  env: process.env,
}).catch((error: unknown) => fail("signing a token", error));
const client = createWaybill({ baseUrl: options.url, token: credentials.token, protocol: options.protocol });
const find = {
  brandId: options.brand,
  items: options.items,
  customers: options.customers,
  timeoutMs: options.timeoutMs,
};
note(
  options.setup
    ? `setup: ${options.items} items with ${options.stock} units each and ${options.customers} customers for brand ${options.brand}`
    : `discovering the items and customers of brand ${options.brand}`,
);
const workload = await (options.setup
  ? setUpWorkload(client, { ...find, stock: options.stock })
  : discoverWorkload(client, find)
).catch((error: unknown) => fail(options.setup ? "setup" : "discovery", error));

// Ctrl-C once: no new operations, those in flight finish, the table of what ran is printed.
const stop = stopOnSignals(() => note("\nstopping: waiting for the calls in flight (Ctrl-C again to quit at once)"));
const shape = loadShape(options);
note(
  `${workload.skus.length} items, ${workload.customerIds.length} customers; ${shape.mode} loop against ${options.url} over ${options.protocol}`,
);
const report = await runLoad(options, { client, workload, tokenSource: credentials.source, stop });
process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`, () =>
  // The SDK's HTTP/2 sessions would keep the process up: leave once the output is out.
  process.exit(report.interrupted ? 130 : 0),
);
