/**
 * A token bucket's shape: it holds at most `burst` requests and refills at `perSecond`.
 * A caller may send `burst` requests at once, then `perSecond` on average.
 */
export interface RateLimit {
  /** Requests added to the bucket each second (may be below 1: `30/m` is 0.5). */
  readonly perSecond: number;
  /** The most requests the bucket holds, so the largest burst; at least 1. */
  readonly burst: number;
}

const unitSeconds: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600 };

/** The longest a bucket may take to refill from empty: a bucket idle this long is full again. */
export const maxRefillSeconds = 3_600;

/**
 * Reads a limit written `<count>/<unit>[:<burst>]`, the unit `s`, `m` or `h`; the burst defaults
 * to the count. Throws a `RangeError` saying what is wrong, e.g. for a bucket that would take
 * more than an hour to refill (idle buckets are forgotten after an hour, see `kv-bucket-store.ts`).
 *
 * @example
 * parseRateLimit("50/s:100"); // { perSecond: 50, burst: 100 }
 * parseRateLimit("600/m");    // { perSecond: 10, burst: 600 }
 */
export function parseRateLimit(text: string): RateLimit {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*([smh])\s*(?::\s*(\d+)\s*)?$/.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new RangeError(`"${text}" is not a limit like 50/s, 600/m or 50/s:100 (count/unit[:burst])`);
  }
  const count = Number(match[1]);
  const perSecond = count / (unitSeconds[match[2]] ?? 1);
  const burst = match[3] === undefined ? Math.max(1, Math.floor(count)) : Number(match[3]);
  if (!(perSecond > 0) || burst < 1 || !Number.isSafeInteger(burst)) {
    throw new RangeError(`"${text}" must allow at least one request: a count above 0 and a burst of 1 or more`);
  }
  // Compared in whole units (burst × unit against an hour × count): 65/h refills in exactly an hour.
  if (burst * (unitSeconds[match[2]] ?? 1) > maxRefillSeconds * count) {
    throw new RangeError(`"${text}" takes longer than an hour to refill its burst: raise the rate or lower the burst`);
  }
  return { perSecond, burst };
}

/**
 * A limit in words for error messages.
 *
 * @example
 * describeRateLimit({ perSecond: 50, burst: 100 }); // "50 requests per second (bursts of 100)"
 */
export function describeRateLimit(limit: RateLimit): string {
  const rate =
    limit.perSecond >= 1
      ? `${round(limit.perSecond)} requests per second`
      : limit.perSecond * 60 >= 1
        ? `${round(limit.perSecond * 60)} requests per minute`
        : `${round(limit.perSecond * 3_600)} requests per hour`;
  return `${rate} (bursts of ${limit.burst})`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
