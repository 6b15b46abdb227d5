import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Simulation, SimulationPhase, SimulationSchema } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import type { SimulationPhase as Phase, SimulationSnapshot } from "../../../simulate/run-simulation.js";

const phases: Readonly<Record<Phase, SimulationPhase>> = {
  "setting-up": SimulationPhase.SETTING_UP,
  running: SimulationPhase.RUNNING,
  stopping: SimulationPhase.STOPPING,
  stopped: SimulationPhase.STOPPED,
  failed: SimulationPhase.FAILED,
};

/** The contract's `Simulation` of a snapshot; no snapshot (none has run) is the IDLE state. */
export function simulationToWire(snapshot: SimulationSnapshot | undefined): Simulation {
  if (!snapshot) return create(SimulationSchema, { phase: SimulationPhase.IDLE });
  const phase = phases[snapshot.phase];
  return create(SimulationSchema, {
    phase,
    running: phase !== SimulationPhase.STOPPED && phase !== SimulationPhase.FAILED,
    startTime: timestampFromDate(snapshot.startedAt),
    ...(snapshot.endedAt ? { endTime: timestampFromDate(snapshot.endedAt) } : {}),
    ratePerSecond: snapshot.ratePerSecond,
    ...(snapshot.durationMs === undefined ? {} : { duration: durationFromMs(snapshot.durationMs) }),
    brandIds: [...snapshot.brandIds],
    randomStart: snapshot.seed,
    actions: Object.entries(snapshot.actions).map(([kind, counts]) => ({
      kind,
      succeeded: BigInt(counts?.ok ?? 0),
      skipped: BigInt(counts?.skipped ?? 0),
      expectedRefusals: BigInt(sum(counts?.expected)),
      errors: BigInt(sum(counts?.errors)),
    })),
    ordersPlaced: BigInt(snapshot.ordersPlaced),
    succeeded: BigInt(snapshot.totals.ok),
    expectedRefusals: BigInt(snapshot.totals.expected),
    errors: BigInt(snapshot.totals.errors),
    lastError: snapshot.lastError ?? "",
    webhooks: {
      registered: snapshot.webhooks?.registered ?? 0,
      received: BigInt(snapshot.webhooks?.received ?? 0),
      verified: BigInt(snapshot.webhooks?.verified ?? 0),
      rejected: BigInt(snapshot.webhooks?.rejected ?? 0),
    },
    notes: [...snapshot.notes],
  });
}

function sum(counts: Readonly<Record<string, number>> | undefined): number {
  return Object.values(counts ?? {}).reduce((total, count) => total + count, 0);
}
