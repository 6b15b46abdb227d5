/**
 * `npm run simulate`: realistic traffic against a running Waybill, so the console shows it move
 * (see simulate/README.md).
 *
 *   npm run simulate                                       5 actions a second until Ctrl-C
 *   npm run simulate -- --rate 20 --duration 2m --brands 4 --seed 7
 */
import { ConnectError } from "@connectrpc/connect";
import { CredentialError } from "../load/credentials.js";
import { stopOnSignals } from "../load/interrupt.js";
import { codeName } from "../load/recorder.js";
import type { ActorContext } from "./actors/actor-context.js";
import { takeRidersOffline } from "./couriers.js";
import { readSimulateOptions, simulateCommand } from "./options.js";
import { type Progress, startProgress } from "./progress.js";
import { createRandom } from "./random.js";
import { runSchedule } from "./scheduler.js";
import { buildSummary, formatSummary } from "./summary.js";
import { createTally } from "./tally.js";
import { createClients } from "./tokens.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";
import { setUpWorld } from "./world.js";

const options = readSimulateOptions(simulateCommand().parse());
const note = (line: string) => {
  if (!options.json) process.stderr.write(`${line}\n`);
};
/** Ends with a one-line reason and exit code 2: the simulation could not start. */
function setupFailed(what: string, error: unknown): never {
  const hints: Readonly<Record<string, string>> = {
    unauthenticated: " (does --secret/AUTH_SECRET match Waybill's AUTH_SECRET?)",
    unavailable: ` (is Waybill running at ${options.url}? npm start)`,
  };
  const reason =
    error instanceof CredentialError
      ? error.message
      : error instanceof ConnectError
        ? `[${codeName(error.code)}] ${error.rawMessage}${hints[codeName(error.code)] ?? ""}`
        : String(error);
  process.stderr.write(`error: ${what} failed: ${reason}\n`);
  process.exit(2);
}

const clients = (() => {
  try {
    return createClients(options.url, options.secret, process.env);
  } catch (error) {
    return setupFailed("signing tokens", error);
  }
})();
// Ctrl-C (or SIGTERM) once: nothing new starts, what is in flight finishes, the summary is
// printed; during set-up, the run ends as soon as it is done.
const stop = stopOnSignals(() => note("\nstopping: letting the calls in flight finish (Ctrl-C again to quit at once)"));

note(`setting up ${options.brands} brands, their items, customers and campaigns, and the fleet at ${options.url}`);
const setupTimeoutMs = 15_000;
const world = await setUpWorld(clients, options.brands, setupTimeoutMs).catch((error: unknown) =>
  setupFailed("set-up", error),
);
for (const problem of world.campaignProblems) note(`note: ${problem}`);
const receiver: WebhookReceiver | undefined = options.webhooks
  ? await startWebhookReceiver(clients, {
      port: options.webhookPort,
      host: options.webhookHost,
      brandIds: world.brands.map((brand) => brand.brandId),
    }).catch((error: unknown) => setupFailed("registering the webhook receiver", error))
  : undefined;
const hint = receiver?.counts().hint;
if (hint !== undefined) process.stderr.write(`hint: ${hint}\n`);

const tally = createTally();
const context: ActorContext = { clients, world, random: createRandom(options.seed), tally, placed: [] };
note(
  `running ${options.ratePerSecond} actions a second (seed ${options.seed})` +
    `${options.durationMs === undefined ? " until Ctrl-C" : ` for ${options.durationMs / 1000} s`}; open the console to watch`,
);
const progress: Progress | undefined = options.progress
  ? startProgress({ tally, placed: context.placed, webhooks: () => receiver?.counts() })
  : undefined;
const result = await runSchedule(context, {
  ratePerSecond: options.ratePerSecond,
  ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
  stop,
  maxInFlight: Math.max(8, Math.ceil(options.ratePerSecond * 4)),
  drainMs: 10_000,
});
progress?.stop();
const webhooks = receiver?.counts();
await receiver?.close();
await takeRidersOffline(clients.admin, world.fleet, 5_000);
const summary = buildSummary({
  url: options.url,
  seed: options.seed,
  ratePerSecond: options.ratePerSecond,
  world,
  result,
  tally,
  placed: context.placed,
  webhooks,
});
const failed = summary.errorRate > options.maxErrorRate;
if (failed) {
  process.stderr.write(
    `error: ${(summary.errorRate * 100).toFixed(1)}% unexpected errors, more than --max-error-rate ${options.maxErrorRate * 100}%\n`,
  );
}
process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `\n${formatSummary(summary)}\n`, () =>
  // Keep-alive connections of the SDK would hold the process: leave once the summary is out.
  process.exit(failed ? 1 : 0),
);
