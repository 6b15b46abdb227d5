import type { LagSample } from "./consumer-lag.js";
import { percentile } from "./latency-stats.js";

/** Commit → consumer times of one consumer (or of all), in milliseconds. */
export interface LagSummary {
  readonly consumer: string;
  /** Events handled. */
  readonly events: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** p99 of the lag per bucket of production time, overall and per consumer (null: no event then). */
export interface LagSeries {
  readonly bucketMs: number;
  /** Start of each bucket, in milliseconds after the window's start. */
  readonly startsMs: readonly number[];
  readonly p99Ms: readonly (number | null)[];
  readonly byConsumer: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Consumer lag of one run: per consumer, all consumers together, and over time. */
export interface LagReport {
  /** Every consumer's events together. */
  readonly overall: LagSummary;
  readonly consumers: readonly LagSummary[];
  readonly series: LagSeries;
}

const round = (value: number) => Math.round(value * 100) / 100;
const lagsOf = (samples: readonly LagSample[]) => samples.map((sample) => sample.lagMs);

/** Summarizes lags (any order) under a consumer's name. */
export function summarizeLag(consumer: string, lagsMs: readonly number[]): LagSummary {
  const sorted = [...lagsMs].sort((a, b) => a - b);
  return {
    consumer,
    events: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

/** Groups values by a key, keeping first-seen key order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | number): Map<string | number, T[]> {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The lag report of `samples`: a summary per consumer (by name), one over all of them, and the p99
 * per `bucketMs` of production time from 0 to the last sample's bucket (`durationMs` at least).
 */
export function lagReport(samples: readonly LagSample[], bucketMs: number, durationMs = 0): LagReport {
  const byConsumer = groupBy(samples, (sample) => sample.consumer);
  const names = [...byConsumer.keys()].map(String).sort();
  const last = samples.reduce((max, sample) => Math.max(max, sample.offsetMs), durationMs);
  const buckets = Math.max(1, Math.floor(last / bucketMs) + 1);
  const startsMs = Array.from({ length: buckets }, (_, i) => i * bucketMs);
  const bucketOf = (sample: LagSample) => Math.min(buckets - 1, Math.max(0, Math.floor(sample.offsetMs / bucketMs)));
  const p99Series = (group: readonly LagSample[]) => {
    const inBucket = groupBy(group, bucketOf);
    return startsMs.map((_, i) => {
      const lags = inBucket.get(i);
      return lags ? summarizeLag("", lagsOf(lags)).p99Ms : null;
    });
  };
  return {
    overall: summarizeLag("all consumers", lagsOf(samples)),
    consumers: names.map((name) => summarizeLag(name, lagsOf(byConsumer.get(name)!))),
    series: {
      bucketMs,
      startsMs,
      p99Ms: p99Series(samples),
      byConsumer: Object.fromEntries(names.map((name) => [name, p99Series(byConsumer.get(name)!)])),
    },
  };
}
