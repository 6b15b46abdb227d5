import cliProgress from "cli-progress";
import type { PlacedOrders } from "./placed-orders.js";
import type { Tally } from "./tally.js";
import type { WebhookCounts } from "./webhook-receiver.js";

/** A live view of the run, stopped at its end. */
export interface Progress {
  stop(): void;
}

/** What the progress line reads, every refresh. */
export interface ProgressSources {
  readonly tally: Tally;
  readonly placed: Pick<PlacedOrders, "count">;
  readonly webhooks: () => WebhookCounts | undefined;
}

/** One line of what has happened so far: elapsed, actions a second, orders, moves, webhooks, errors. */
export function progressLine(sources: ProgressSources, elapsedMs: number): Record<string, string | number> {
  const actions = sources.tally.actions();
  const totals = sources.tally.totals();
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const ok = (name: keyof typeof actions) => actions[name]?.ok ?? 0;
  const hooks = sources.webhooks();
  return {
    elapsed: `${Math.floor(seconds)}s`,
    rate: ((totals.ok + totals.skipped + totals.expected + totals.errors) / seconds).toFixed(1),
    orders: sources.placed.count,
    short: actions["place-order-over-stock"]?.expected["shortage (expected)"] ?? 0,
    moves: ok("prepare") + ok("ready"),
    rides: ok("pickup") + ok("deliver") + ok("return-recalled"),
    other: ok("cancel") + ok("return-lines") + ok("restock"),
    webhooks: hooks && hooks.registered > 0 ? `${hooks.verified}/${hooks.received} verified` : "off",
    errors: totals.errors,
  };
}

const format =
  "simulate {elapsed} | {rate} actions/s | orders {orders} (+{short} short) | kitchen {moves} | riders {rides} | " +
  "cancel/return/restock {other} | webhooks {webhooks} | errors {errors}";

/**
 * Shows the progress line on stderr: redrawn in place five times a second on a terminal
 * (cli-progress), printed every ten seconds into a pipe or a file.
 */
export function startProgress(sources: ProgressSources): Progress {
  const started = performance.now();
  if (process.stderr.isTTY !== true) {
    const timer = setInterval(() => {
      const values = progressLine(sources, performance.now() - started);
      process.stderr.write(`${format.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]))}\n`);
    }, 10_000);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.legacy,
  );
  bar.start(1, 0, progressLine(sources, 0));
  const timer = setInterval(() => bar.update(0, progressLine(sources, performance.now() - started)), 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar.update(0, progressLine(sources, performance.now() - started));
      bar.stop();
    },
  };
}
