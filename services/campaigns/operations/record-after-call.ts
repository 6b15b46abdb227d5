import { setTimeout as sleep } from "node:timers/promises";
import { DatabaseSaturatedError, isDatabaseUnavailable } from "../../kit/database/index.js";

/** Pauses before the second and third attempt of a recording transaction. */
const pausesMs = [50, 250];

/**
 * Runs `record` — the short transaction that stores the outcome of a platform call already made —
 * up to twice more when it failed because its database connection was lost: a connection dropped
 * while the call ran (a restart, `pg_terminate_backend`) is often only noticed by the next query
 * on it, and the outcome should not wait for the claim to end. `record` must be safe to repeat:
 * it checks the claim it holds, so a first attempt that committed without its answer arriving
 * finds its own work done. A saturated pool and every other error are thrown at once.
 */
export async function recordAfterCall<T>(record: () => Promise<T>): Promise<T> {
  for (const pauseMs of pausesMs) {
    try {
      return await record();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || error instanceof DatabaseSaturatedError) throw error;
      await sleep(pauseMs);
    }
  }
  return record();
}
