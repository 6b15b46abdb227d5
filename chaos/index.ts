/**
 * `npm run chaos`: Waybill under faults. Starts its own PostgreSQL and NATS on spare ports, runs
 * replicas as real processes, places orders with retries while killing, freezing and restarting
 * things, then checks the invariants and prints a table. Exits 1 when one is broken.
 *
 *   npm run chaos                                        three minutes, every fault, two replicas
 *   npm run chaos -- --duration 60 --rate 30 --replicas 3
 *   npm run chaos -- --faults kill-replica,restart-postgres
 *   npm run chaos -- --faults replicas-down --outage 150  every replica down past the duplicate window
 *   npm run chaos -- --slim                              the short run of `npm test`
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { type ChaosOptions, defaultFaults, type FaultName, faultNames, fullChaos, slimChaos } from "./chaos-options.js";
import { allPassed, formatReport } from "./chaos-report.js";
import { startProgressLine } from "./progress-line.js";
import { runChaos } from "./run-chaos.js";

/** A parser of numbers of at least `least` (whole ones unless `fractions`). */
const atLeast =
  (least: number, fractions = false) =>
  (text: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < least || (!fractions && !Number.isInteger(value)))
      throw new InvalidArgumentError(`must be a ${fractions ? "number" : "whole number"} of at least ${least}`);
    return value;
  };

const share = (text: string) => {
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) throw new InvalidArgumentError("must be a number from 0 to 1");
  return value;
};

const faultList = (text: string): FaultName[] => {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names)
    if (!(faultNames as readonly string[]).includes(name))
      throw new InvalidArgumentError(`unknown fault "${name}"; choose from ${faultNames.join(", ")}`);
  return names as FaultName[];
};

const program = new Command("npm run chaos --")
  .description(
    "Runs Waybill replicas on a private PostgreSQL and NATS, places orders with retries while injecting faults, then checks the invariants and prints a table. Exits 1 when an invariant is broken.",
  )
  .option("--slim", "start from the short run of `npm test` instead of the full one", false)
  .option("--duration <seconds>", `seconds of load (full: ${fullChaos.durationMs / 1000})`, atLeast(5))
  .option("--rate <orders>", `orders per second (full: ${fullChaos.ratePerSecond})`, atLeast(0.1, true))
  .option("--replicas <n>", `Waybill processes (full: ${fullChaos.replicas})`, atLeast(2))
  .option(
    "--faults <list>",
    `comma-separated faults, cycled through: ${faultNames.join(", ")} (default: all but replicas-down)`,
    faultList,
  )
  .option(
    "--fault-every <seconds>",
    `seconds between two faults (full: ${fullChaos.faultEveryMs / 1000})`,
    atLeast(1, true),
  )
  .option("--client-timeout <ms>", `client timeout per attempt (full: ${fullChaos.clientTimeoutMs})`, atLeast(100))
  .option(
    "--freeze <ms>",
    `how long a replica stays frozen (full: ${fullChaos.freezeReplicaMs}; 2.4 client timeouts with --client-timeout)`,
    atLeast(100),
  )
  .option("--nats-freeze <ms>", `how long NATS stays frozen (full: ${fullChaos.freezeNatsMs})`, atLeast(100))
  .option(
    "--outage <seconds>",
    `replicas-down: seconds every replica stays down (full: ${fullChaos.outageMs / 1000})`,
    atLeast(1),
  )
  .option(
    "--give-up <seconds>",
    `seconds a client retries one request (full: ${fullChaos.giveUpMs / 1000})`,
    atLeast(1),
  )
  .option("--skus <n>", `SKUs, each with little stock (full: ${fullChaos.skus})`, atLeast(1))
  .option("--stock <units>", `units of each SKU at the start (full: ${fullChaos.initialStock})`, atLeast(0))
  .option("--supply <share>", `restocked units as a share of ordered ones (full: ${fullChaos.supplyRatio})`, share)
  .option("--cancel <share>", `share of acknowledged orders cancelled (full: ${fullChaos.cancelRatio})`, share)
  .option("--smtp-delay <ms>", `SMTP server's delay per message (full: ${fullChaos.smtpDelayMs})`, atLeast(0))
  .option(
    "--settle <seconds>",
    `longest wait to settle after the load (full: ${fullChaos.settleTimeoutMs / 1000})`,
    atLeast(1),
  )
  .option(
    "--orphan-wait <seconds>",
    `longest wait for holds without an order to be released (full: ${fullChaos.orphanTimeoutMs / 1000})`,
    atLeast(0),
  )
  .option("--seed <n>", "seed of the driver's random choices (default: random)", atLeast(0))
  .addOption(
    new Option("--log-level <level>", "replicas' log level").choices(["fatal", "error", "warn", "info", "debug"]),
  )
  .option("--keep-logs", "keep the folder of logs even when every invariant held", false)
  .option("--json", "print the report as JSON (no progress line)", false)
  .showHelpAfterError("(run with --help for usage)");

interface Flags {
  slim: boolean;
  duration?: number;
  rate?: number;
  replicas?: number;
  faults?: FaultName[];
  faultEvery?: number;
  clientTimeout?: number;
  freeze?: number;
  natsFreeze?: number;
  outage?: number;
  giveUp?: number;
  skus?: number;
  stock?: number;
  supply?: number;
  cancel?: number;
  smtpDelay?: number;
  settle?: number;
  orphanWait?: number;
  seed?: number;
  logLevel?: string;
  keepLogs: boolean;
  json: boolean;
}

const flags = program.parse().opts<Flags>();
const base = flags.slim ? slimChaos : fullChaos;
const clientTimeoutMs = flags.clientTimeout ?? base.clientTimeoutMs;
const options: ChaosOptions = {
  ...base,
  durationMs: (flags.duration ?? base.durationMs / 1000) * 1000,
  ratePerSecond: flags.rate ?? base.ratePerSecond,
  replicas: flags.replicas ?? base.replicas,
  faults: flags.faults ?? defaultFaults,
  faultEveryMs: (flags.faultEvery ?? base.faultEveryMs / 1000) * 1000,
  clientTimeoutMs,
  freezeReplicaMs: flags.freeze ?? (flags.clientTimeout ? Math.round(clientTimeoutMs * 2.4) : base.freezeReplicaMs),
  freezeNatsMs: flags.natsFreeze ?? base.freezeNatsMs,
  outageMs: (flags.outage ?? base.outageMs / 1000) * 1000,
  giveUpMs: (flags.giveUp ?? base.giveUpMs / 1000) * 1000,
  skus: flags.skus ?? base.skus,
  initialStock: flags.stock ?? base.initialStock,
  supplyRatio: flags.supply ?? base.supplyRatio,
  cancelRatio: flags.cancel ?? base.cancelRatio,
  smtpDelayMs: flags.smtpDelay ?? base.smtpDelayMs,
  settleTimeoutMs: (flags.settle ?? base.settleTimeoutMs / 1000) * 1000,
  orphanTimeoutMs: (flags.orphanWait ?? base.orphanTimeoutMs / 1000) * 1000,
  seed: flags.seed ?? Math.floor(Math.random() * 1_000_000),
  logLevel: flags.logLevel ?? base.logLevel,
  keepLogs: flags.keepLogs,
};
if (options.freezeReplicaMs <= options.clientTimeoutMs)
  program.error("--freeze must be longer than --client-timeout: a frozen replica must outlast the client's patience");

// Ctrl-C stops the load; the run then removes its servers and processes before exiting.
const interrupt = new AbortController();
process.once("SIGINT", () => interrupt.abort());
process.once("SIGTERM", () => interrupt.abort());

try {
  const report = await runChaos(options, {
    signal: interrupt.signal,
    ...(flags.json ? {} : { progress: (seconds: number) => startProgressLine("chaos", seconds) }),
  });
  console.log(
    flags.json
      ? JSON.stringify(report, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v), 2)
      : `\n${formatReport(report)}`,
  );
  process.exitCode = allPassed(report) ? 0 : 1;
} catch (error) {
  console.error(`chaos: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
