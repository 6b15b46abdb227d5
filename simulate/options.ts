import { Command, Option } from "commander";
import { parseBaseUrl, parseDuration, parseRate, wholeNumber } from "../load/option-parsers.js";
import { defaultSimulatorWebhookPort } from "../services/kit/config/index.js";

/** Every option of `npm run simulate`, parsed and checked. */
export interface SimulateOptions {
  readonly url: string;
  /** Waybill's AUTH_SECRET, to sign each actor's token; undefined: AUTH_SECRET, else the development secret. */
  readonly secret?: string;
  readonly ratePerSecond: number;
  /** How long actions keep starting; undefined: until Ctrl-C. */
  readonly durationMs?: number;
  readonly brands: number;
  readonly seed: number;
  /** Port of the webhook receiver; 0 picks a free one (default: SIMULATOR_WEBHOOK_PORT, else 8787). */
  readonly webhookPort: number;
  /** Host Waybill reaches the receiver at. */
  readonly webhookHost: string;
  readonly webhooks: boolean;
  /** Unexpected errors, as a share of the actions tried, above which the run exits 1. */
  readonly maxErrorRate: number;
  readonly json: boolean;
  readonly progress: boolean;
}

function parseShare(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) {
    throw new Error("must be a number from 0 to 1, e.g. 0.05");
  }
  return value;
}

/**
 * The receiver's port unless `--webhook-port` says otherwise: Waybill's SIMULATOR_WEBHOOK_PORT
 * (8787 unless set), the one loopback port a development server lets webhooks through to.
 */
export function defaultWebhookPort(env: Readonly<Record<string, string | undefined>>): number {
  const port = Number(env.SIMULATOR_WEBHOOK_PORT);
  return Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : defaultSimulatorWebhookPort;
}

/** The command line of `npm run simulate` (commander), with every option and its checks. */
export function simulateCommand(): Command {
  return new Command("npm run simulate --")
    .description(
      "Drives realistic traffic against a running Waybill: brands restocking and moving orders, customers " +
        "ordering (with promo codes, some beyond the stock), riders delivering, drones flying, cancellations, " +
        "returns and a webhook receiver, so that the console shows the system move.",
    )
    .addOption(
      new Option("--url <base url>", "where Waybill listens")
        .argParser(parseBaseUrl)
        .default(process.env.WAYBILL_URL ?? "http://127.0.0.1:8080", "WAYBILL_URL, else http://127.0.0.1:8080"),
    )
    .option(
      "--secret <secret>",
      "Waybill's AUTH_SECRET, to sign the actors' tokens (default: AUTH_SECRET, else the development secret)",
    )
    .addOption(new Option("--rate <per second>", "actions per second").argParser(parseRate).default(5))
    .option("--duration <time>", "how long to run: 60s, 5m (default: until Ctrl-C)", parseDuration)
    .option("--brands <n>", "brands to simulate", wholeNumber(1, 20), 2)
    .option("--seed <n>", "seed of every random choice (default: random)", wholeNumber(0, 2 ** 31 - 1))
    .addOption(
      new Option(
        "--webhook-port <port>",
        "port of the webhook receiver (0: a free one); a development server lets webhooks through to SIMULATOR_WEBHOOK_PORT only",
      )
        .argParser(wholeNumber(0, 65_535))
        .default(defaultWebhookPort(process.env), "SIMULATOR_WEBHOOK_PORT, else 8787"),
    )
    .option(
      "--webhook-host <host>",
      "host Waybill posts webhooks to (the receiver listens on all interfaces when not 127.0.0.1)",
      "127.0.0.1",
    )
    .option("--no-webhooks", "no webhook receiver")
    .addOption(
      new Option("--max-error-rate <share>", "share of unexpected errors above which the run fails (exit 1)")
        .argParser(parseShare)
        .default(0.05),
    )
    .option("--json", "print only a JSON summary at the end (no progress)")
    .option("--no-progress", "no progress line")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  npm run simulate                                   5 actions a second against :8080 until Ctrl-C\n" +
        "  npm run simulate -- --rate 20 --duration 2m --brands 4\n" +
        '  npm run simulate -- --url http://waybill.internal:8080 --secret "$AUTH_SECRET" --seed 7 --json',
    )
    .showHelpAfterError("(run with --help for usage)");
}

/** Reads the parsed options of {@link simulateCommand} into {@link SimulateOptions}. */
export function readSimulateOptions(command: Command): SimulateOptions {
  const values = command.opts<{
    url: string;
    secret?: string;
    rate: number;
    duration?: number;
    brands: number;
    seed?: number;
    webhookPort: number;
    webhookHost: string;
    webhooks: boolean;
    maxErrorRate: number;
    json?: boolean;
    progress: boolean;
  }>();
  const json = values.json === true;
  return {
    url: values.url,
    ...(values.secret === undefined ? {} : { secret: values.secret }),
    ratePerSecond: values.rate,
    ...(values.duration === undefined ? {} : { durationMs: values.duration }),
    brands: values.brands,
    seed: values.seed ?? Math.floor(Math.random() * 2 ** 31),
    webhookPort: values.webhookPort,
    webhookHost: values.webhookHost,
    webhooks: values.webhooks,
    maxErrorRate: values.maxErrorRate,
    json,
    progress: values.progress && !json,
  };
}
