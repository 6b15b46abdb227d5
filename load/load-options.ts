import { Command, Option } from "commander";
import { defaultMix, formatMix, type OperationMix, parseMix } from "./operation-mix.js";
import { parseBaseUrl, parseDuration, parseIdentifier, parseRate, wholeNumber } from "./option-parsers.js";

/** Every option of `npm run load`, parsed and checked. */
export interface LoadOptions {
  readonly url: string;
  readonly token?: string;
  readonly secret?: string;
  readonly protocol: "connect" | "grpc" | "grpc-web";
  readonly brand: string;
  readonly setup: boolean;
  readonly items: number;
  readonly customers: number;
  readonly stock: number;
  readonly rate?: number;
  readonly concurrency?: number;
  readonly durationMs?: number;
  readonly requests?: number;
  readonly mix: OperationMix;
  readonly zone: string;
  readonly timeoutMs: number;
  readonly json: boolean;
  readonly progress: boolean;
}

/** Closed-loop workers when neither `--rate` nor `--concurrency` is given. */
export const defaultConcurrency = 16;
/** Most operations in flight in an open loop without `--concurrency`. */
export const defaultOpenLimit = 1000;
/** How long a run lasts without `--requests` or `--duration`. */
export const defaultDurationMs = 30_000;

/** The command line of `npm run load` (commander), with every option and its checks. */
export function loadCommand(): Command {
  return new Command("npm run load --")
    .description(
      "Puts a running Waybill under load through the SDK (orders, stock, status moves and reads in a mix; " +
        "open loop at --rate or closed loop at --concurrency) and prints the latency of each operation and the " +
        "errors by code.",
    )
    .addOption(
      new Option("--url <base url>", "where Waybill listens")
        .argParser(parseBaseUrl)
        .default(process.env.WAYBILL_URL ?? "http://127.0.0.1:8080", "WAYBILL_URL, else http://127.0.0.1:8080"),
    )
    .addOption(new Option("--token <token>", "bearer token (default: WAYBILL_TOKEN)").conflicts("secret"))
    .option("--secret <secret>", "Waybill's AUTH_SECRET: sign an admin token here (default: AUTH_SECRET)")
    .addOption(
      new Option("--protocol <protocol>", "wire protocol of the SDK")
        .choices(["connect", "grpc", "grpc-web"])
        .default("grpc"),
    )
    .option("--brand <brand id>", "brand whose items and orders the load uses", parseIdentifier, "load")
    .option("--setup", "first create the brand's items (with stock) and customers, idempotently")
    .option("--items <n>", "items setup creates, or most items discovery uses", wholeNumber(1, 500), 50)
    .option("--customers <n>", "customers setup creates (and discovery looks for)", wholeNumber(1, 1000), 20)
    .option(
      "--stock <units>",
      "units setup restocks each item with (once per amount)",
      wholeNumber(1, 1_000_000_000),
      1_000_000,
    )
    .option("--rate <per second>", "open loop: operations arriving per second", parseRate)
    .option(
      "--concurrency <n>",
      `closed loop: operations at once (default ${defaultConcurrency}); with --rate: most in flight (default ${defaultOpenLimit})`,
      wholeNumber(1, 100_000),
    )
    .option("--duration <time>", "how long operations keep starting: 30s, 2m, 500ms (default: 30s)", parseDuration)
    .option("--requests <n>", "operations in all (with --duration: whichever ends first)", wholeNumber(1))
    .addOption(
      new Option("--mix <weights>", "shares of the operations orders, stock, status and reads")
        .argParser(parseMix)
        .default(defaultMix, formatMix(defaultMix)),
    )
    .option("--zone <zone>", "delivery zone of the orders", parseIdentifier, "north")
    .addOption(
      new Option("--timeout <time>", "Connect timeout of each call").argParser(parseDuration).default(10_000, "10s"),
    )
    .option("--json", "print only a JSON document of the results (no table, no progress bar)")
    .option("--no-progress", "no progress bar")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  npm run load -- --setup --requests 500          set up brand load, then 500 operations, 16 at once\n" +
        "  npm run load -- --rate 200 --duration 30s --mix orders=80,reads=20\n" +
        "  npm run load -- --url http://waybill.internal:8080 --token $TOKEN --brand acme --protocol connect --json",
    )
    .showHelpAfterError("(run with --help for usage)");
}

/** Reads the parsed options of {@link loadCommand} into {@link LoadOptions}. */
export function readLoadOptions(command: Command): LoadOptions {
  const values = command.opts<{
    url: string;
    token?: string;
    secret?: string;
    protocol: LoadOptions["protocol"];
    brand: string;
    setup?: boolean;
    items: number;
    customers: number;
    stock: number;
    rate?: number;
    concurrency?: number;
    duration?: number;
    requests?: number;
    mix: OperationMix;
    zone: string;
    timeout: number;
    json?: boolean;
    progress: boolean;
  }>();
  const { duration, timeout, setup, json, ...rest } = values;
  return {
    ...rest,
    ...(duration === undefined ? {} : { durationMs: duration }),
    setup: setup === true,
    json: json === true,
    timeoutMs: timeout,
    // A bar only where someone watches: not for --json, nor into a pipe or a file.
    progress: values.progress && json !== true && process.stderr.isTTY === true,
  };
}
