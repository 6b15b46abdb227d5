import { durationMs } from "@bufbuild/protobuf/wkt";
import type { StartSimulationRequest } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";

/** What a simulation is started with, the request's defaults filled in. */
export interface SimulationSettings {
  readonly ratePerSecond: number;
  /** Undefined: until stopped. */
  readonly durationMs?: number;
  readonly brands: number;
  readonly seed: number;
}

/** The defaults of `npm run simulate`, which the switch in the console uses too. */
export const simulationDefaults = { ratePerSecond: 5, brands: 2 } as const;

/**
 * The settings a (validated) StartSimulationRequest asks for: a rate or number of brands left at
 * 0 takes the command line's default, an unset duration runs until stopped, an unset
 * `random_start` takes `randomSeed()`.
 */
export function simulationSettings(
  request: Pick<StartSimulationRequest, "ratePerSecond" | "duration" | "brands" | "randomStart">,
  randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31),
): SimulationSettings {
  return {
    ratePerSecond: request.ratePerSecond || simulationDefaults.ratePerSecond,
    ...(request.duration === undefined ? {} : { durationMs: durationMs(request.duration) }),
    brands: request.brands || simulationDefaults.brands,
    seed: request.randomStart ?? randomSeed(),
  };
}
