import { create } from "@bufbuild/protobuf";
import { SimulationPhase, SimulationSchema } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { describe, expect, it } from "vitest";
import { simulatorStatus } from "./simulator-status.js";

const simulation = (init: Parameters<typeof create<typeof SimulationSchema>>[1]) => create(SimulationSchema, init);

describe("what the simulator switch shows", () => {
  it("is off before the server said anything, and when no simulation ran", () => {
    expect(simulatorStatus(undefined)).toMatchObject({ on: false, line: "Off" });
    expect(simulatorStatus(simulation({ phase: SimulationPhase.IDLE }))).toMatchObject({ on: false, line: "Off" });
  });

  it("is on with the rate and counts while running, warning once there are errors", () => {
    const running = simulation({
      phase: SimulationPhase.RUNNING,
      running: true,
      ratePerSecond: 5,
      ordersPlaced: 1n,
      succeeded: 12n,
    });
    expect(simulatorStatus(running)).toEqual({
      on: true,
      settling: false,
      line: "5/s · 1 order · 12 calls · 0 errors",
      tone: "good",
    });
    expect(simulatorStatus({ ...running, errors: 1n }).tone).toBe("warning");
  });

  it("waits while setting up and stopping, and says why a start failed", () => {
    expect(simulatorStatus(simulation({ phase: SimulationPhase.SETTING_UP }))).toMatchObject({
      on: true,
      settling: true,
    });
    expect(simulatorStatus(simulation({ phase: SimulationPhase.STOPPING }))).toMatchObject({
      on: true,
      settling: true,
    });
    expect(
      simulatorStatus(
        simulation({ phase: SimulationPhase.FAILED, lastError: "set-up failed: [unavailable] no database" }),
      ),
    ).toMatchObject({ on: false, tone: "danger", line: "Could not start: set-up failed: [unavailable] no database" });
    expect(simulatorStatus(simulation({ phase: SimulationPhase.STOPPED, ordersPlaced: 3n }))).toMatchObject({
      on: false,
      line: "Off · last run 3 orders · 0 calls · 0 errors",
    });
  });
});
