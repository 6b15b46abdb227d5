import { createSequenceGate } from "./sequence-gate.js";

/** The live side of a watch: changes in the order they happened, until the source ends. */
export interface LiveChanges<T> extends AsyncIterable<T> {
  /** Stops listening (called once the watch ends, however it ends). */
  close(): void;
}

/** Options of {@link watchWithSnapshot}. */
export interface WatchOptions<T> {
  /** Starts listening for changes. Called before the snapshot is read, so nothing made after it is missed. */
  readonly subscribe: () => Promise<LiveChanges<T>> | LiveChanges<T>;
  /** The current state, read once listening has begun. */
  readonly snapshot: () => AsyncIterable<T> | Iterable<T>;
  /**
   * The key of an item and its version. An item no newer than what was already sent for its key
   * is dropped: a change the snapshot already showed, or one relayed late by another replica.
   */
  readonly versionOf: (item: T) => readonly [key: string, version: number];
  /** Ends the watch early (the client went away, or the server is shutting down). */
  readonly signal: AbortSignal;
}

/**
 * The flow of every Watch RPC: listen first, then send the current state, then every change
 * newer than what was sent for its key — so nothing between the snapshot and the live changes is
 * lost or repeated, and each key only moves forward.
 *
 * @example
 * yield* watchWithSnapshot({
 *   signal,
 *   subscribe: () => followFeed(feed, { signal, shutdownSignal, name: "stock", select: (c) => c.stock }),
 *   snapshot: () => readLevels(brandId),
 *   versionOf: (level) => [level.sku, Number(level.ledgerSequence)],
 * });
 */
export async function* watchWithSnapshot<T>(options: WatchOptions<T>): AsyncGenerator<T> {
  const live = await options.subscribe();
  try {
    const gate = createSequenceGate();
    const admit = (item: T) => gate.admit(...options.versionOf(item));
    for await (const item of options.snapshot()) {
      if (options.signal.aborted) return;
      if (admit(item)) yield item;
    }
    for await (const item of live) {
      if (options.signal.aborted) return;
      if (admit(item)) yield item;
    }
  } finally {
    live.close();
  }
}
