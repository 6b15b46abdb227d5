import { type Simulation, SimulationPhase } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";

/** What the switch shows of a simulation: whether it is on, and one line of words. */
export interface SimulatorStatus {
  /** The switch's position: on while the simulation sets up, runs or stops. */
  readonly on: boolean;
  /** Whether a start or stop is under way on the server (the switch waits). */
  readonly settling: boolean;
  readonly line: string;
  readonly tone: "good" | "warning" | "danger" | "neutral";
}

const plural = (count: bigint, one: string, many: string) => `${count} ${count === 1n ? one : many}`;

/** The counts of a simulation that has done something, as a short line. */
function counts(simulation: Simulation): string {
  return [
    plural(simulation.ordersPlaced, "order", "orders"),
    plural(simulation.succeeded, "call", "calls"),
    plural(simulation.errors, "error", "errors"),
  ].join(" · ");
}

/** The switch's position and words for a simulation state; none yet (not heard from the server) is off. */
export function simulatorStatus(simulation: Simulation | undefined): SimulatorStatus {
  switch (simulation?.phase) {
    case SimulationPhase.SETTING_UP:
      return { on: true, settling: true, line: "Setting up brands, items and couriers…", tone: "neutral" };
    case SimulationPhase.RUNNING:
      return {
        on: true,
        settling: false,
        line: `${simulation.ratePerSecond}/s · ${counts(simulation)}`,
        tone: simulation.errors > 0n ? "warning" : "good",
      };
    case SimulationPhase.STOPPING:
      return { on: true, settling: true, line: `Stopping… ${counts(simulation)}`, tone: "neutral" };
    case SimulationPhase.STOPPED:
      return { on: false, settling: false, line: `Off · last run ${counts(simulation)}`, tone: "neutral" };
    case SimulationPhase.FAILED:
      return { on: false, settling: false, line: `Could not start: ${simulation.lastError}`, tone: "danger" };
    default:
      return { on: false, settling: false, line: "Off", tone: "neutral" };
  }
}
