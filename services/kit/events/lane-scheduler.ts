/** Runs tasks in named lanes: in order within a lane, lanes side by side up to a limit. */
export interface LaneScheduler {
  /**
   * Queues `task` behind the earlier tasks of `lane` and resolves once fewer than the limit are
   * in flight, so a caller pulling work stops pulling while all slots are busy.
   */
  schedule(lane: string, task: () => Promise<unknown>): Promise<void>;
  /** Resolves when every queued task has finished. */
  drain(): Promise<void>;
}

/**
 * Creates a {@link LaneScheduler} allowing `concurrency` tasks in flight. A task that throws is
 * reported to `onError` and does not stop its lane.
 *
 * @example
 * const lanes = createLaneScheduler(8, (error) => logger.error({ err: error }));
 * for await (const msg of messages) await lanes.schedule(zoneOf(msg), () => handle(msg));
 * await lanes.drain();
 */
export function createLaneScheduler(concurrency: number, onError: (error: unknown) => void): LaneScheduler {
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  return {
    async schedule(lane, task) {
      const previous = tails.get(lane) ?? Promise.resolve();
      const run: Promise<void> = previous.then(task).then(
        () => undefined,
        (error: unknown) => onError(error),
      );
      tails.set(lane, run);
      inFlight.add(run);
      void run.then(() => {
        inFlight.delete(run);
        if (tails.get(lane) === run) tails.delete(lane);
      });
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
