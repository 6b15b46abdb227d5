import cliProgress from "cli-progress";

/** A progress bar on stderr, or nothing when progress is not shown. */
export interface ProgressBar {
  /** Sets how many of the total are done; the rate shown is done per second since the start. */
  update(done: number): void;
  stop(): void;
}

/**
 * Starts a progress bar for `total` operations, shown when `show` says so (default: when stderr
 * is a terminal or `BENCH_PROGRESS=1`), so piped and `--json` runs stay clean.
 */
export function startProgressBar(label: string, total: number, show?: boolean): ProgressBar {
  if (!(show ?? (process.stderr.isTTY || process.env.BENCH_PROGRESS === "1")))
    return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(34)} {bar} {percentage}% | {value}/{total} | {rate}/s`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  return {
    update: (done) => bar.update(done, { rate: Math.round((done / (performance.now() - started)) * 1000) }),
    stop: () => bar.stop(),
  };
}
