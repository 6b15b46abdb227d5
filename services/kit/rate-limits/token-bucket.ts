import type { RateLimit } from "./rate-limit.js";

/** What a token bucket holds: `tokens` as of `atMs` (milliseconds since the epoch). */
export interface BucketState {
  readonly tokens: number;
  readonly atMs: number;
}

/** The outcome of {@link takeTokens}. */
export interface TakeResult {
  /** Whole tokens handed out, from 0 to the number asked for. */
  readonly granted: number;
  /** The bucket after the take, to store. */
  readonly state: BucketState;
  /** When nothing was granted: how long until one token is there. */
  readonly retryAfterMs: number;
}

/**
 * Refills `state` for the time since it was written and takes up to `wanted` whole tokens. A
 * missing state is a full bucket; a clock that went back (another replica's) refills nothing.
 *
 * @example
 * takeTokens(undefined, { perSecond: 1, burst: 5 }, 3, Date.now()).granted; // 3
 */
export function takeTokens(
  state: BucketState | undefined,
  limit: RateLimit,
  wanted: number,
  nowMs: number,
): TakeResult {
  const elapsedMs = state ? Math.max(0, nowMs - state.atMs) : 0;
  const available = state ? Math.min(limit.burst, state.tokens + (elapsedMs / 1000) * limit.perSecond) : limit.burst;
  // Waiting exactly the advised time must be enough, whatever the floating-point rounding.
  const granted = Math.max(0, Math.min(wanted, Math.floor(available + 1e-9)));
  const left = Math.max(0, available - granted);
  const retryAfterMs = granted > 0 ? 0 : Math.ceil(((1 - left) / limit.perSecond) * 1000);
  return { granted, state: { tokens: left, atMs: Math.max(nowMs, state?.atMs ?? nowMs) }, retryAfterMs };
}
