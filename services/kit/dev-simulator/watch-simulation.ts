import { setTimeout as sleep } from "node:timers/promises";
import { toBinary } from "@bufbuild/protobuf";
import { type Simulation, SimulationSchema } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { simulationToWire } from "./simulation-wire.js";
import type { SingleSimulation } from "./single-simulation.js";

/** How often a running simulation's counts are looked at; a change is sent at most this often. */
export const watchIntervalMs = 500;

/**
 * The states WatchSimulation sends: the current one first, then each different one, looked at on
 * every change of phase and, while a simulation runs, every `intervalMs` (its counts move with
 * every action; sending each would flood the stream). Ends when `signal` aborts.
 */
export async function* watchSimulation(
  holder: Pick<SingleSimulation, "snapshot" | "changed">,
  signal: AbortSignal,
  intervalMs = watchIntervalMs,
): AsyncGenerator<Simulation> {
  let last: string | undefined;
  while (!signal.aborted) {
    const simulation = simulationToWire(holder.snapshot());
    const bytes = Buffer.from(toBinary(SimulationSchema, simulation)).toString("base64");
    if (bytes !== last) {
      last = bytes;
      yield simulation;
      // Look again before waiting: a change while the caller read this one must not be missed.
      continue;
    }
    // One wait per turn, ended by whichever comes first, so no timer or listener outlives it.
    const turn = new AbortController();
    const either = AbortSignal.any([signal, turn.signal]);
    await Promise.race([
      holder.changed(either),
      ...(simulation.running ? [sleep(intervalMs, undefined, { signal: either }).catch(() => undefined)] : []),
    ]);
    turn.abort();
  }
}
