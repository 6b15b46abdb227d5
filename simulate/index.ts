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
import { readSimulateOptions, simulateCommand } from "./options.js";
import { startProgress } from "./progress.js";
import { SimulationSetupError, startSimulation } from "./run-simulation.js";
import { formatSummary, type SimulationSummary } from "./summary.js";
import { createClients } from "./tokens.js";

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

const simulation = startSimulation({
  clients,
  url: options.url,
  ratePerSecond: options.ratePerSecond,
  ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
  brands: options.brands,
  seed: options.seed,
  ...(options.webhooks ? { webhooks: { port: options.webhookPort, host: options.webhookHost } } : {}),
  signal: stop,
  hooks: {
    note,
    hint: (line) => process.stderr.write(`${line}\n`),
    running: (sources) => (options.progress ? startProgress(sources).stop : undefined),
  },
});
const summary: SimulationSummary = await simulation.done.catch((error: unknown) =>
  error instanceof SimulationSetupError ? setupFailed(error.what, error.cause) : setupFailed("the run", error),
);
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
