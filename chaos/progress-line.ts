import cliProgress from "cli-progress";

/** A line showing how far the load is and what just happened; or plain lines where there is no terminal. */
export interface ProgressLine {
  /** Seconds of load done, and counts to show beside them. */
  update(seconds: number, counts: string): void;
  /** Something happened (a fault, a crash): shown on the bar, or printed as its own line. */
  event(line: string): void;
  stop(): void;
}

/** A progress line that shows nothing (a test, `--json`). */
export const silentProgress: ProgressLine = { update: () => undefined, event: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar on stderr over the load's seconds when stderr is a terminal (or
 * `CHAOS_PROGRESS=1`), with the latest event on it; otherwise each event as a plain line on stderr.
 */
export function startProgressLine(label: string, totalSeconds: number): ProgressLine {
  if (!(process.stderr.isTTY || process.env.CHAOS_PROGRESS === "1")) {
    return {
      update: () => undefined,
      event: (line) => process.stderr.write(`${label}: ${line}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {value}/{total} s | {counts} | {event}`,
      stream: process.stderr,
      hideCursor: true,
      barsize: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let last = "";
  let seconds = 0;
  let counts = "";
  bar.start(totalSeconds, 0, { counts, event: last });
  return {
    update(done, shown) {
      seconds = Math.round(done);
      if (seconds > bar.getTotal()) bar.setTotal(seconds);
      counts = shown;
      bar.update(seconds, { counts, event: last });
    },
    event(line) {
      last = line.length > 70 ? `${line.slice(0, 67)}...` : line;
      bar.update(seconds, { counts, event: last });
    },
    stop: () => bar.stop(),
  };
}
