import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Hands items to a worker in batches per named lane: a lane's items in the order they were added,
 * one batch of a lane at a time, lanes side by side up to a limit.
 */
export interface LaneScheduler<T> {
  /**
   * Queues `item` behind the earlier items of `lane`. It goes to the worker in a batch with the
   * other items of its lane waiting when that batch starts (at most the batch limit). Resolves
   * when that batch has finished; never rejects (a failure goes to the scheduler's `onError`).
   */
  add(lane: string, item: T): Promise<void>;
  /** Resolves when every queued item has finished. */
  drain(): Promise<void>;
}

/** Options of {@link createLaneScheduler}. */
export interface LaneSchedulerOptions<T> {
  /** Most batches worked on at once (each of another lane). */
  readonly concurrency: number;
  /** Most items in one batch. */
  readonly batchSize: number;
  /** Works on a batch of one lane, its items in the order they were added. */
  readonly work: (items: readonly T[], lane: string) => Promise<unknown>;
  /** Told when `work` throws; the lane goes on with its next items. */
  readonly onError: (error: unknown) => void;
}

interface Entry<T> {
  readonly item: T;
  readonly done: () => void;
}

/**
 * Creates a {@link LaneScheduler}. A lane with items waits for a free slot (first come, first
 * served); when it gets one, it lets the current turn of the event loop end first, so items that
 * arrived together (one pull's messages) go in one batch, then takes what its lane holds up to
 * `batchSize`. Items added while a batch runs form the lane's next batch: under load, batches grow
 * by themselves; when idle, an item goes alone at once.
 *
 * @example
 * const lanes = createLaneScheduler({ concurrency: 8, batchSize: 64,
 *   work: (msgs) => handleBatch(msgs), onError: (error) => logger.error({ err: error }) });
 * void lanes.add(zoneOf(msg), msg);
 * await lanes.drain();
 */
export function createLaneScheduler<T>(options: LaneSchedulerOptions<T>): LaneScheduler<T> {
  const { concurrency, batchSize, work, onError } = options;
  // A lane is here from its first item until its queue is empty and its last batch has finished.
  const queues = new Map<string, Entry<T>[]>();
  const ready: string[] = [];
  const idle: (() => void)[] = [];
  let running = 0;

  const startReady = (): void => {
    while (running < concurrency && ready.length > 0) {
      running++;
      void runBatch(ready.shift() as string);
    }
  };

  const runBatch = async (lane: string): Promise<void> => {
    await nextTurn();
    const queue = queues.get(lane) ?? [];
    const batch = queue.splice(0, Math.max(1, batchSize));
    try {
      await work(
        batch.map((entry) => entry.item),
        lane,
      );
    } catch (error) {
      onError(error);
    } finally {
      for (const entry of batch) entry.done();
      running--;
      // A lane with more waiting queues again behind the others, so a busy lane cannot starve them.
      if (queue.length > 0) ready.push(lane);
      else queues.delete(lane);
      startReady();
      if (queues.size === 0) for (const resolve of idle.splice(0)) resolve();
    }
  };

  return {
    add(lane, item) {
      return new Promise<void>((done) => {
        const queue = queues.get(lane);
        if (queue) {
          queue.push({ item, done });
          return;
        }
        queues.set(lane, [{ item, done }]);
        ready.push(lane);
        startReady();
      });
    },
    drain() {
      if (queues.size === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
