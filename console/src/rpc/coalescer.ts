/** Runs a refresh on request, at most once per interval, never two at once. */
export interface Coalescer {
  /** Asks for a refresh: soon if none ran lately, else after the interval; one run answers many requests. */
  request(): void;
  /** Stops: no run starts after this. */
  dispose(): void;
}

/**
 * Coalesces requests into runs of `run`: a request while idle runs at once if the last run began
 * at least `everyMs` ago (else when that much time has passed); requests while a run waits are
 * answered by it; a request while a run is under way (its read may have begun before the change)
 * runs once more after it, again no sooner than `everyMs` after the previous start. A failed run
 * counts as a run: the next request tries again.
 */
export function createCoalescer(run: () => Promise<unknown>, everyMs: number, now = () => Date.now()): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let disposed = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  const start = async () => {
    timer = undefined;
    if (disposed) return;
    running = true;
    lastStart = now();
    try {
      await run();
    } catch {
      // The refresh failed (its queries show their own error); the next request tries again.
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule();
    }
  };
  const schedule = () => {
    if (disposed || timer !== undefined) return;
    timer = setTimeout(() => void start(), Math.max(0, lastStart + everyMs - now()));
  };
  return {
    request() {
      if (running) again = true;
      else schedule();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
