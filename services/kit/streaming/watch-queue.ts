/** A bounded queue between a push source and one async consumer. */
export interface WatchQueue<T extends NonNullable<unknown>> extends AsyncIterable<T> {
  /** Adds a value; past the limit the queue fails with `overflow` instead. */
  push(value: T): void;
  /** Ends the iteration once the values already queued are consumed (with `error`, it throws). */
  close(error?: unknown): void;
}

/**
 * The buffer of one streaming watcher: values pushed by a shared feed wait here until the stream
 * sends them. Iteration ends when `signal` aborts (client gone or shutdown), at once, or after
 * `close()`; a watcher too slow to keep up (more than `limit` waiting) ends with `overflow`
 * rather than holding unbounded memory.
 *
 * @example
 * const queue = createWatchQueue<number>({ limit: 100, signal, overflow: () => new Error("too slow") });
 * for await (const value of queue) send(value);
 */
export function createWatchQueue<T extends NonNullable<unknown>>(options: {
  readonly limit: number;
  readonly signal: AbortSignal;
  readonly overflow: () => unknown;
}): WatchQueue<T> {
  const values: T[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const close = (error?: unknown) => {
    if (ended) return;
    ended = true;
    failure = error;
    notify();
  };
  options.signal.addEventListener("abort", notify, { once: true });
  return {
    push(value) {
      if (ended) return;
      if (values.length >= options.limit) return close(options.overflow());
      values.push(value);
      notify();
    },
    close,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (options.signal.aborted) return;
          const next = values.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          if (ended) {
            if (failure !== undefined) throw failure;
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        options.signal.removeEventListener("abort", notify);
      }
    },
  };
}
