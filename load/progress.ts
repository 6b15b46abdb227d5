import cliProgress from "cli-progress";
import type { LiveCounts } from "./recorder.js";

/** A progress bar on stderr, refreshed from the recorder's counts. */
export interface Progress {
  stop(): void;
}

/** What the bar measures against: a number of operations, or a duration. */
export type ProgressGoal =
  | { readonly kind: "requests"; readonly total: number }
  | { readonly kind: "duration"; readonly totalMs: number };

/** Shows nothing (`--json`, `--no-progress`, no terminal). */
export const noProgress: Progress = { stop: () => undefined };

/**
 * Starts a cli-progress bar on stderr, refreshed five times a second: operations done (or
 * seconds gone) of the goal, successes per second so far and errors. The caller decides whether
 * to show it (a terminal, not `--json`).
 */
export function startProgress(goal: ProgressGoal, live: () => LiveCounts): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `load {bar} {percentage}% | {value}/{total} ${goal.kind === "requests" ? "ops" : "s"} | {done} done, {rate} ok/s, {failed} errors`,
      stream: process.stderr,
      hideCursor: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const total = goal.kind === "requests" ? goal.total : Math.ceil(goal.totalMs / 1000);
  bar.start(total, 0, { done: 0, rate: 0, failed: 0 });
  const refresh = () => {
    const counts = live();
    const seconds = (performance.now() - started) / 1000;
    const value = goal.kind === "requests" ? counts.done : Math.min(total, Math.floor(seconds));
    bar.update(value, {
      done: counts.done,
      rate: Math.round(counts.ok / Math.max(seconds, 0.001)),
      failed: counts.failed,
    });
  };
  const timer = setInterval(refresh, 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      refresh();
      bar.stop();
    },
  };
}
