import { setTimeout as sleep } from "node:timers/promises";
import type { OperationKind } from "./operation-mix.js";
import type { PlannedCall } from "./operations.js";
import type { Recorder } from "./recorder.js";

/** How the load is driven and when it ends. */
export interface LoopOptions {
  /**
   * `closed`: `concurrency` workers, each starting its next operation when the last one ends.
   * `open`: operations arrive at `ratePerSecond` whether or not earlier ones have ended, at most
   * `concurrency` at once; an arrival beyond that waits, and its latency counts from its arrival.
   */
  readonly mode: "open" | "closed";
  readonly ratePerSecond?: number;
  readonly concurrency: number;
  /** Operations in all; the run ends after them (or at `durationMs`, whichever comes first). */
  readonly requests?: number;
  /** How long operations keep starting; those in flight then still finish. */
  readonly durationMs?: number;
  /** The kind of operation number `index`. */
  readonly kindAt: (index: number) => OperationKind;
  /** The call of operation `index`, planned when it starts; undefined skips it. */
  readonly plan: (kind: OperationKind, index: number) => PlannedCall | undefined;
  readonly recorder: Recorder;
  /** Aborted (Ctrl-C): no operation starts any more, those in flight finish. */
  readonly stop: AbortSignal;
}

/** How a run went. */
export interface LoopResult {
  /** From the first arrival to the end of the last operation. */
  readonly elapsedMs: number;
  /** Whether `stop` ended the run before its planned end. */
  readonly interrupted: boolean;
}

/**
 * Runs the load until its requests are done, its duration is over or it is stopped, and records
 * every operation: its latency from its arrival (open loop) or its start (closed loop), or its
 * error, or its skip.
 */
export async function runLoop(options: LoopOptions): Promise<LoopResult> {
  const { recorder, stop } = options;
  const started = performance.now();
  const limit = options.requests ?? Number.POSITIVE_INFINITY;
  const endAt = started + (options.durationMs ?? Number.POSITIVE_INFINITY);

  const execute = async (index: number, arrival: number): Promise<void> => {
    const kind = options.kindAt(index);
    const call = options.plan(kind, index);
    if (!call) return recorder.skipped(kind);
    try {
      await call.run();
      recorder.succeeded(call.rpc, performance.now() - arrival);
    } catch (error) {
      recorder.failed(call.rpc, error);
    }
  };

  if (options.mode === "closed") {
    let next = 0;
    const worker = async () => {
      while (!stop.aborted && next < limit && performance.now() < endAt) await execute(next++, performance.now());
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } else {
    await openLoop(options, execute, started, limit, endAt);
  }
  return { elapsedMs: performance.now() - started, interrupted: stop.aborted };
}

async function openLoop(
  options: LoopOptions,
  execute: (index: number, arrival: number) => Promise<void>,
  started: number,
  limit: number,
  endAt: number,
): Promise<void> {
  const { stop } = options;
  const intervalMs = 1000 / (options.ratePerSecond ?? 1);
  const waiting: { readonly index: number; readonly arrival: number }[] = [];
  const running = new Set<Promise<void>>();
  const begin = (index: number, arrival: number) => {
    const done: Promise<void> = execute(index, arrival).then(() => {
      running.delete(done);
      const queued = stop.aborted ? undefined : waiting.shift();
      if (queued) begin(queued.index, queued.arrival);
    });
    running.add(done);
  };
  for (let index = 0; index < limit && !stop.aborted; index++) {
    const arrival = started + index * intervalMs;
    if (arrival >= endAt) break;
    // Arrivals already due start at once (a late timer is made up for), later ones are waited for.
    const wait = arrival - performance.now();
    if (wait > 1) await sleep(wait, undefined, { signal: stop }).catch(() => undefined);
    if (stop.aborted) break;
    if (running.size < options.concurrency) begin(index, arrival);
    else waiting.push({ index, arrival });
  }
  // Whatever still runs finishes (and starts what waits behind it, unless stopped).
  while (running.size > 0) await Promise.race(running);
}
