import { create } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { StartSimulationRequestSchema } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { describe, expect, it } from "vitest";
import { simulationSettings } from "./simulation-request.js";

describe("the settings a StartSimulation asks for", () => {
  it("takes the command line's defaults for what is left unset, and runs until stopped", () => {
    expect(simulationSettings(create(StartSimulationRequestSchema), () => 42)).toEqual({
      ratePerSecond: 5,
      brands: 2,
      seed: 42,
    });
  });

  it("keeps what the request says", () => {
    const request = create(StartSimulationRequestSchema, {
      ratePerSecond: 12.5,
      duration: durationFromMs(90_000),
      brands: 4,
      randomStart: 0,
    });
    expect(simulationSettings(request, () => 42)).toEqual({
      ratePerSecond: 12.5,
      durationMs: 90_000,
      brands: 4,
      seed: 0,
    });
  });
});
