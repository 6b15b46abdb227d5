import type { Logger } from "pino";
import type { Worker } from "./service-definition.js";

/** Options of {@link createPeriodicWorker}. */
export interface PeriodicWorkerOptions {
  /** Pause between rounds. */
  readonly intervalMs: number;
  /**
   * One round of work; returns how much it did. `isStopping()` turns true once `stop()` is
   * called, so a long round can end early between items.
   */
  readonly round: (isStopping: () => boolean) => Promise<number>;
  /** A round that did at least this much is followed at once by the next (a backlog). */
  readonly backlogAt?: number;
  readonly logger: Logger;
  /** What the log calls a failed round, e.g. "sweeping expired holds". */
  readonly what: string;
}

/**
 * A worker that runs `round` every `intervalMs` until stopped, for background duties that every
 * replica runs safely side by side (each round claims its items in the database). A failed round
 * is logged and retried at the next one; a round that found a backlog is followed at once.
 * `stop()` wakes the sleeping loop and waits for the current round to finish.
 *
 * @example
 * const sweeper = createPeriodicWorker({ intervalMs: 5_000, round: () => sweepOnce(), logger, what: "sweeping" });
 */
export function createPeriodicWorker(options: PeriodicWorkerOptions): Worker {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const isStopping = () => !running;

  async function run(): Promise<void> {
    while (running) {
      let done = 0;
      try {
        done = await options.round(isStopping);
      } catch (error) {
        options.logger.error({ err: error }, `${options.what} failed; retrying at the next round`);
      }
      if (!running) break;
      if (options.backlogAt !== undefined && done >= options.backlogAt) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}
