/** Runs tasks in named lanes: in order within a lane, lanes side by side up to a limit. */
export interface LaneScheduler {
  /**
   * Queues `task` behind the earlier tasks of `lane`; it starts once those have finished and fewer
   * than the limit of tasks are running. Resolves when it has finished; never rejects (a failure
   * goes to the scheduler's `onError`).
   */
  run(lane: string, task: () => Promise<unknown>): Promise<void>;
  /** Resolves when every queued task has finished. */
  drain(): Promise<void>;
}

/**
 * Creates a {@link LaneScheduler} running at most `concurrency` tasks at once. A task that throws is
 * reported to `onError` and does not stop its lane. Slots are handed out first come, first served.
 *
 * @example
 * const lanes = createLaneScheduler(8, (error) => logger.error({ err: error }));
 * void lanes.run(zoneOf(msg), () => handle(msg));
 * await lanes.drain();
 */
export function createLaneScheduler(concurrency: number, onError: (error: unknown) => void): LaneScheduler {
  const tails = new Map<string, Promise<void>>();
  const queued = new Set<Promise<void>>();
  const waiting: (() => void)[] = [];
  let running = 0;

  const acquire = (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  // The slot passes straight to the next waiter, so `running` never overshoots the limit.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    run(lane, task) {
      const previous = tails.get(lane) ?? Promise.resolve();
      const done = previous.then(acquire).then(async () => {
        try {
          await task();
        } catch (error) {
          onError(error);
        } finally {
          release();
        }
      });
      tails.set(lane, done);
      queued.add(done);
      void done.then(() => {
        queued.delete(done);
        if (tails.get(lane) === done) tails.delete(lane);
      });
      return done;
    },
    async drain() {
      while (queued.size > 0) await Promise.all([...queued]);
    },
  };
}
