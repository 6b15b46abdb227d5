import { SimulationPhase } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { describe, expect, it } from "vitest";
import type { SimulationSnapshot } from "../../../simulate/run-simulation.js";
import { simulationToWire } from "./simulation-wire.js";

const snapshot: SimulationSnapshot = {
  phase: "running",
  startedAt: new Date("2026-03-01T10:00:00Z"),
  ratePerSecond: 5,
  brandIds: ["sim-bistro", "sim-bakery"],
  seed: 7,
  actions: {
    "place-order": { ok: 3, skipped: 1, expected: {}, errors: { unavailable: 1 } },
    "place-order-over-stock": { ok: 0, skipped: 0, expected: { "shortage (expected)": 2 }, errors: {} },
  },
  totals: { ok: 3, skipped: 1, expected: 2, errors: 1 },
  ordersPlaced: 3,
  webhooks: { registered: 2, received: 5, verified: 5, rejected: 0 },
  lastError: "place-order: [unavailable] the database is unreachable",
  notes: [],
};

describe("the Simulation the contract sends", () => {
  it("is IDLE before any simulation", () => {
    expect(simulationToWire(undefined)).toMatchObject({ phase: SimulationPhase.IDLE, running: false, actions: [] });
  });

  it("carries the counts of each kind, the totals and the webhooks of a running one", () => {
    const wire = simulationToWire(snapshot);
    expect(wire).toMatchObject({
      phase: SimulationPhase.RUNNING,
      running: true,
      ratePerSecond: 5,
      brandIds: ["sim-bistro", "sim-bakery"],
      randomStart: 7,
      ordersPlaced: 3n,
      succeeded: 3n,
      expectedRefusals: 2n,
      errors: 1n,
      lastError: "place-order: [unavailable] the database is unreachable",
      webhooks: { registered: 2, received: 5n, verified: 5n, rejected: 0n },
    });
    expect(wire.startTime?.seconds).toBe(BigInt(Date.parse("2026-03-01T10:00:00Z") / 1000));
    expect(wire.endTime).toBeUndefined();
    expect(wire.duration).toBeUndefined();
    expect(
      wire.actions.map((action) => [action.kind, action.succeeded, action.expectedRefusals, action.errors]),
    ).toEqual([
      ["place-order", 3n, 0n, 1n],
      ["place-order-over-stock", 0n, 2n, 0n],
    ]);
  });

  it("is not running once stopped or failed, with its end and duration", () => {
    for (const phase of ["stopped", "failed"] as const) {
      const wire = simulationToWire({ ...snapshot, phase, endedAt: new Date(), durationMs: 60_000 });
      expect(wire.running).toBe(false);
      expect(wire.endTime).toBeDefined();
      expect(wire.duration?.seconds).toBe(60n);
    }
    expect(simulationToWire({ ...snapshot, phase: "stopping" }).running).toBe(true);
  });
});
