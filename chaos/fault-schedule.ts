import { setTimeout as sleep } from "node:timers/promises";
import type { FaultName } from "./chaos-options.js";
import { type FaultRecord, type FaultTargets, injectFault } from "./faults.js";

/** What {@link runFaultSchedule} needs. */
export interface FaultSchedule {
  readonly faults: readonly FaultName[];
  readonly everyMs: number;
  /** The load's planned length: no fault starts after it once every fault has run. */
  readonly durationMs: number;
  readonly targets: FaultTargets;
  /** Seconds since the run began. */
  readonly clock: () => number;
  /** Told when each fault starts and ends. */
  readonly onFault: (line: string, record?: FaultRecord) => void;
}

/**
 * Injects the faults one after another, cycling through the list: the first half an interval
 * into the load, then one every `everyMs` (or as soon as the previous one is over, if it took
 * longer), until the load's planned end — and at least each fault once, even past that end.
 * Successive faults of one kind go round the replicas.
 */
export async function runFaultSchedule(schedule: FaultSchedule): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const rounds = new Map<FaultName, number>();
  const started = performance.now();
  for (let k = 0; schedule.faults.length > 0; k++) {
    const plannedMs = schedule.everyMs / 2 + k * schedule.everyMs;
    // A fault that outlasts its interval pushes the next one back: past the load's end, stop.
    const dueMs = Math.max(plannedMs, performance.now() - started);
    if (k >= schedule.faults.length && dueMs >= schedule.durationMs) break;
    const wait = started + plannedMs - performance.now();
    if (wait > 0) await sleep(wait);
    const index = k % schedule.faults.length;
    const name = schedule.faults[index] as FaultName;
    const round = (rounds.get(name) ?? 0) + index;
    rounds.set(name, (rounds.get(name) ?? 0) + 1);
    schedule.onFault(`fault ${name} starts`);
    const record = await injectFault(name, schedule.targets, round, schedule.clock);
    records.push(record);
    schedule.onFault(
      `fault ${name} over after ${record.seconds} s${record.detail ? `: ${record.detail}` : ""}${record.error ? ` (FAILED: ${record.error})` : ""}`,
      record,
    );
  }
  return records;
}
