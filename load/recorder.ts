import { Code, ConnectError } from "@connectrpc/connect";
import { percentile } from "../bench/support/latency-stats.js";
import { type OperationKind, operationKinds } from "./operation-mix.js";
import { type RpcName, rpcsOf } from "./operations.js";

/** Counts and latency of a group of calls (one RPC, one kind, or all). */
export interface CallStats {
  /** Calls made: ok + failed. */
  readonly count: number;
  readonly ok: number;
  readonly failed: number;
  /** Successful calls per second of the run. */
  readonly okPerSecond: number;
  /** Latency of the successful calls, in milliseconds (nearest rank). */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Failed calls by Connect code (`failed_precondition`, `unavailable`, ...). */
  readonly errors: Readonly<Record<string, number>>;
}

/** The stats of a kind of operation, with the operations it skipped (a status move with no order waiting). */
export interface KindStats extends CallStats {
  readonly skipped: number;
}

/** Everything measured, summarized. */
export interface LoadSummary {
  readonly kinds: Readonly<Record<OperationKind, KindStats>>;
  readonly rpcs: Readonly<Record<RpcName, CallStats>>;
  readonly overall: KindStats;
  /** One message per error code, to tell what went wrong. */
  readonly errorSamples: Readonly<Record<string, string>>;
}

/** Counts seen so far, cheap enough for a progress bar. */
export interface LiveCounts {
  readonly done: number;
  readonly ok: number;
  readonly failed: number;
}

/** Collects the outcome of every call of a run. */
export interface Recorder {
  succeeded(rpc: RpcName, latencyMs: number): void;
  failed(rpc: RpcName, error: unknown): void;
  skipped(kind: OperationKind): void;
  live(): LiveCounts;
  /** Summarizes the calls over `elapsedMs` of run. */
  summary(elapsedMs: number): LoadSummary;
}

/** `FailedPrecondition` → `failed_precondition`, as Connect names codes on the wire. */
export function codeName(code: Code): string {
  return (Code[code] ?? "unknown").replace(/[A-Z]/g, (letter, at: number) => (at ? "_" : "") + letter.toLowerCase());
}

interface RpcRecord {
  readonly latencies: number[];
  failed: number;
  readonly errors: Map<string, number>;
}

/** Creates an empty recorder. */
export function createRecorder(): Recorder {
  const allRpcs = operationKinds.flatMap((kind) => rpcsOf[kind] as readonly RpcName[]);
  const records = new Map<RpcName, RpcRecord>(
    allRpcs.map((rpc) => [rpc, { latencies: [], failed: 0, errors: new Map() }]),
  );
  const skips: Record<OperationKind, number> = { orders: 0, stock: 0, status: 0, reads: 0 };
  const samples: Record<string, string> = {};
  let ok = 0;
  let failed = 0;
  const recordOf = (rpc: RpcName) => records.get(rpc) as RpcRecord;

  const stats = (group: readonly RpcRecord[], elapsedMs: number): CallStats => {
    const sorted = group.flatMap((record) => record.latencies).sort((a, b) => a - b);
    const failures = group.reduce((sum, record) => sum + record.failed, 0);
    const errors: Record<string, number> = {};
    for (const record of group) for (const [code, n] of record.errors) errors[code] = (errors[code] ?? 0) + n;
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      count: sorted.length + failures,
      ok: sorted.length,
      failed: failures,
      okPerSecond: elapsedMs > 0 ? round((sorted.length / elapsedMs) * 1000) : 0,
      p50Ms: round(percentile(sorted, 0.5)),
      p95Ms: round(percentile(sorted, 0.95)),
      p99Ms: round(percentile(sorted, 0.99)),
      maxMs: round(sorted.at(-1) ?? 0),
      errors,
    };
  };

  return {
    succeeded(rpc, latencyMs) {
      recordOf(rpc).latencies.push(latencyMs);
      ok++;
    },
    failed(rpc, error) {
      const connectError = ConnectError.from(error);
      const code = codeName(connectError.code);
      const record = recordOf(rpc);
      record.failed++;
      record.errors.set(code, (record.errors.get(code) ?? 0) + 1);
      samples[code] ??= `${rpc}: ${connectError.rawMessage}`;
      failed++;
    },
    skipped(kind) {
      skips[kind]++;
    },
    live: () => ({ done: ok + failed + operationKinds.reduce((sum, kind) => sum + skips[kind], 0), ok, failed }),
    summary(elapsedMs) {
      const kindStats = (kind: OperationKind): KindStats => ({
        ...stats((rpcsOf[kind] as readonly RpcName[]).map(recordOf), elapsedMs),
        skipped: skips[kind],
      });
      const kinds = Object.fromEntries(operationKinds.map((kind) => [kind, kindStats(kind)])) as Record<
        OperationKind,
        KindStats
      >;
      const rpcs = Object.fromEntries(allRpcs.map((rpc) => [rpc, stats([recordOf(rpc)], elapsedMs)])) as Record<
        RpcName,
        CallStats
      >;
      const skippedInAll = operationKinds.reduce((sum, kind) => sum + skips[kind], 0);
      const overall = { ...stats([...records.values()], elapsedMs), skipped: skippedInAll };
      return { kinds, rpcs, overall, errorSamples: { ...samples } };
    },
  };
}
