/**
 * Inspects and redrives the dead-letter stream of a Waybill installation.
 *
 *   npm run dlq -- list [--consumer fleet-orders]
 *   npm run dlq -- redrive [--consumer fleet-orders]
 *
 * Uses NATS_URL and EVENT_PREFIX like Waybill. Redrive republishes each dead message unchanged to
 * its subject; consumers that already processed it skip it through their inbox.
 */
import { jetstreamManager } from "@nats-io/jetstream";
import { Command } from "commander";
import { ConfigError, waybillSettings } from "../services/kit/config/index.js";
import { DependencyUnavailableError } from "../services/kit/database/index.js";
import type { DeadLetter } from "../services/kit/events/index.js";
import { connectNats, listDeadLetters, redriveDeadLetters } from "../services/kit/events/index.js";
import { createLogger } from "../services/kit/logging/logger.js";

/** Renders rows as an aligned plain-text table. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function describe(dead: DeadLetter): string[] {
  return [
    String(dead.dlqSequence),
    dead.deadAt.toISOString().replace(/\.\d+Z$/, "Z"),
    dead.reason,
    dead.consumer,
    `${dead.stream}#${dead.streamSequence}`,
    String(dead.deliveries),
    dead.message?.eventType || "?",
    dead.message?.eventId || "(message gone)",
  ];
}

/** Connects as Waybill would, runs `work`, and turns the usual failures into one line and exit 1. */
async function withNats(work: (jsm: Awaited<ReturnType<typeof jetstreamManager>>, prefix: string) => Promise<void>) {
  try {
    const settings = waybillSettings.read(process.env);
    const logger = createLogger({ level: settings.logLevel === "info" ? "warn" : settings.logLevel, name: "dlq" });
    const nc = await connectNats({ url: settings.natsUrl, name: "waybill-dlq", logger });
    try {
      await work(await jetstreamManager(nc), settings.eventPrefix);
    } finally {
      await nc.close();
    }
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DependencyUnavailableError)) throw error;
    console.error(`dlq: ${error.message}`);
    process.exit(1);
  }
}

const consumerOption = [
  "--consumer <name>",
  "only the dead letters of this durable consumer, e.g. fleet-orders",
] as const;
const program = new Command("npm run dlq --").description(
  "Lists and redrives the dead letters of the installation at NATS_URL with EVENT_PREFIX.",
);

program
  .command("list")
  .description("lists the dead letters, oldest first")
  .option(...consumerOption)
  .action(({ consumer }: { consumer?: string }) =>
    withNats(async (jsm, prefix) => {
      const dead = await listDeadLetters({ jsm, prefix, ...(consumer === undefined ? {} : { consumer }) });
      if (dead.length === 0) {
        console.log(`no dead letters for prefix "${prefix}"${consumer ? ` and consumer "${consumer}"` : ""}`);
        return;
      }
      const headers = ["DLQ#", "DEAD AT", "REASON", "CONSUMER", "STREAM#SEQ", "DELIVERIES", "TYPE", "EVENT ID"];
      console.log(table(headers, dead.map(describe)));
      console.log(`\n${dead.length} dead letter(s)`);
    }),
  );

program
  .command("redrive")
  .description("republishes the dead letters to their subjects, so their consumers try them again")
  .option(...consumerOption)
  .action(({ consumer }: { consumer?: string }) =>
    withNats(async (jsm, prefix) => {
      const logger = createLogger({ level: "warn", name: "dlq" });
      const filter = consumer === undefined ? {} : { consumer };
      const count = await redriveDeadLetters({ js: jsm.jetstream(), jsm, prefix, logger, ...filter });
      console.log(`redrove ${count} dead letter(s)`);
    }),
  );

await program.showHelpAfterError("(run with --help for usage)").parseAsync();
