/**
 * Inspects and redrives the dead-letter stream of a Waybill installation.
 *
 *   npm run dlq -- list [--consumer fleet-orders]
 *   npm run dlq -- redrive [--consumer fleet-orders]
 *
 * Uses NATS_URL (default nats://127.0.0.1:4222) and EVENT_PREFIX (default waybill).
 * Redrive republishes each dead message unchanged to its subject; consumers that already
 * processed it skip it through their inbox.
 */
import { parseArgs } from "node:util";
import { jetstreamManager } from "@nats-io/jetstream";
import type { DeadLetter } from "../services/kit/events/index.js";
import {
  connectNats,
  DependencyUnavailableError,
  listDeadLetters,
  redriveDeadLetters,
} from "../services/kit/events/index.js";
import { createLogger } from "../services/kit/logging/logger.js";

function fail(message: string): never {
  console.error(`dlq: ${message}`);
  process.exit(2);
}

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

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { consumer: { type: "string" } },
  strict: true,
});
const command = positionals[0];
if (command !== "list" && command !== "redrive") fail("usage: npm run dlq -- list|redrive [--consumer <name>]");

const prefix = process.env.EVENT_PREFIX || "waybill";
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", name: "dlq" });
let nc;
try {
  nc = await connectNats({ url: process.env.NATS_URL || "nats://127.0.0.1:4222", name: "waybill-dlq", logger });
} catch (error) {
  fail(error instanceof DependencyUnavailableError ? error.message : String(error));
}
try {
  const jsm = await jetstreamManager(nc);
  const consumer = values.consumer;
  const filter = consumer === undefined ? {} : { consumer };
  if (command === "list") {
    const dead = await listDeadLetters({ jsm, prefix, ...filter });
    if (dead.length === 0)
      console.log(`no dead letters for prefix "${prefix}"${consumer ? ` and consumer "${consumer}"` : ""}`);
    else {
      console.log(
        table(
          ["DLQ#", "DEAD AT", "REASON", "CONSUMER", "STREAM#SEQ", "DELIVERIES", "TYPE", "EVENT ID"],
          dead.map(describe),
        ),
      );
      console.log(`\n${dead.length} dead letter(s)`);
    }
  } else {
    const count = await redriveDeadLetters({ js: jsm.jetstream(), jsm, prefix, logger, ...filter });
    console.log(`redrove ${count} dead letter(s)`);
  }
} finally {
  await nc.close();
}
