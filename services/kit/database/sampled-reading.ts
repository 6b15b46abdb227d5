import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import type { Logger } from "../logging/logger.js";

/** Options of {@link createSampledReading}. */
export interface SampledReadingOptions<T> {
  /** The read itself, typically one query through `readBriefly` (its statement timeout bounds the server's work). */
  readonly read: () => Promise<T>;
  /** How long a caller waits, the wait for a pool connection included (default 1000 ms). */
  readonly waitMs?: number;
  /** A value this young is handed out again instead of reading anew (default 500 ms). */
  readonly maxAgeMs?: number;
  /** Where a failed or late read is logged, at debug. */
  readonly logger: Logger;
  /** What the log calls the read, e.g. "the notification backlog". */
  readonly what: string;
}

/** A value read on demand for an observable instrument (see {@link createSampledReading}). */
export interface SampledReading<T> {
  /** The value, or `undefined` when the read failed or did not answer in time; never rejects. */
  (): Promise<T | undefined>;
  /** Resolves once no read is in flight (before the pool it uses closes). */
  settled(): Promise<void>;
}

/**
 * Wraps a read (a query behind a metric) for the callbacks of observable instruments, which run
 * only when a reader collects: every instrument and reader collecting at about the same time
 * share one read (one in flight at most, its value kept `maxAgeMs`); a read that fails or takes
 * longer than `waitMs` yields `undefined`, so the callback skips its points, and is logged at
 * debug; and the read makes no spans (a collection is not a request worth tracing).
 *
 * @example
 * const held = createSampledReading({ read: () => readBriefly(db, 500, countHeld), logger, what: "held reservations" });
 * gauge.addCallback(async (result) => { const n = await held(); if (n !== undefined) result.observe(n); });
 */
export function createSampledReading<T>(options: SampledReadingOptions<T>): SampledReading<T> {
  const waitMs = options.waitMs ?? 1_000;
  const maxAgeMs = options.maxAgeMs ?? 500;
  let last: { readonly value: T; readonly at: number } | undefined;
  let inFlight: Promise<T | undefined> | undefined;

  function readOnce(): Promise<T | undefined> {
    const started = performance.now();
    const attempt = context
      .with(suppressTracing(context.active()), () => options.read())
      .then(
        (value) => {
          last = { value, at: started };
          return value;
        },
        (error: unknown) => {
          options.logger.debug({ err: error }, `reading ${options.what} for metrics failed; the points are skipped`);
          return undefined;
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    inFlight = attempt;
    return attempt;
  }

  const reading = async (): Promise<T | undefined> => {
    if (last !== undefined && performance.now() - last.at < maxAgeMs) return last.value;
    const pending = inFlight ?? readOnce();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        options.logger.debug({ waitMs }, `reading ${options.what} for metrics took too long; the points are skipped`);
        resolve(undefined);
      }, waitMs);
    });
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(reading, {
    settled: async () => {
      await inFlight;
    },
  });
}
