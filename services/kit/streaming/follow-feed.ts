import { DomainError } from "../errors/index.js";
import type { EventFeed } from "../events/index.js";
import { createWatchQueue } from "./watch-queue.js";
import type { LiveChanges } from "./watch-with-snapshot.js";

/** Changes a watcher may fall behind by before its stream is ended. */
const defaultBacklog = 10_000;

/** Options of {@link followFeed}. */
export interface FollowFeedOptions<P, T> {
  /**
   * The watcher's items for a feed event (none when it does not want it), e.g. the levels of
   * every SKU a reservation change moved.
   */
  readonly select: (payload: P) => T | undefined | readonly T[];
  /** The client's signal: the watch ends when it aborts. */
  readonly signal: AbortSignal;
  /** Aborted at shutdown: the watch then ends quietly instead of with an error. */
  readonly shutdownSignal: AbortSignal;
  /** What the feed carries, for the error when it is interrupted (e.g. `stock`). */
  readonly name: string;
  /** Items that may wait for a slow client before its stream ends (default 10,000). */
  readonly backlog?: number;
}

/**
 * A watcher's live changes from the process's shared {@link EventFeed}: resolves once the feed is
 * live, buffers the selected items in a bounded queue, and ends the watch with ABORTED when the
 * client falls too far behind, or UNAVAILABLE when the feed is interrupted (a retry watches again).
 *
 * @example
 * const live = await followFeed(feed, { select: (changed) => changed.stock, signal, shutdownSignal, name: "stock" });
 */
export async function followFeed<P, T extends NonNullable<unknown>>(
  feed: EventFeed<P>,
  options: FollowFeedOptions<P, T>,
): Promise<LiveChanges<T>> {
  const queue = createWatchQueue<T>({
    limit: options.backlog ?? defaultBacklog,
    signal: AbortSignal.any([options.signal, options.shutdownSignal]),
    overflow: () => new DomainError("aborted", "the watcher fell too far behind the changes - watch again"),
  });
  const unsubscribe = await feed.subscribe({
    change(payload) {
      const selected = options.select(payload);
      if (selected === undefined) return;
      // Feed items are messages, never arrays: an array is several items.
      if (Array.isArray(selected)) for (const item of selected as readonly T[]) queue.push(item);
      else queue.push(selected as T);
    },
    end: () =>
      queue.close(
        options.shutdownSignal.aborted
          ? undefined
          : new DomainError("unavailable", `the ${options.name} feed was interrupted - watch again`),
      ),
  });
  return { [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](), close: unsubscribe };
}
