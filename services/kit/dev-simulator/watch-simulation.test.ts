import { SimulationPhase } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { describe, expect, it } from "vitest";
import type { SimulationSnapshot } from "../../../simulate/run-simulation.js";
import { createSingleSimulation } from "./single-simulation.js";
import { watchSimulation } from "./watch-simulation.js";

function snapshotWith(orders: number): SimulationSnapshot {
  return {
    phase: "running",
    startedAt: new Date(0),
    ratePerSecond: 5,
    brandIds: [],
    seed: 1,
    actions: {},
    totals: { ok: orders, skipped: 0, expected: 0, errors: 0 },
    ordersPlaced: orders,
    notes: [],
  };
}

describe("the states WatchSimulation sends", () => {
  it("sends the idle state first, then a started simulation, then only counts that changed, and ends on abort", async () => {
    const holder = createSingleSimulation();
    const stop = new AbortController();
    const stream = watchSimulation(holder, stop.signal, 5);
    const first = await stream.next();
    expect(first.value?.phase).toBe(SimulationPhase.IDLE);
    let orders = 0;
    let end: () => void = () => undefined;
    const done = new Promise<never>((_, reject) => (end = () => reject(new Error("ended"))));
    done.catch(() => undefined);
    holder.start(() => ({ snapshot: () => snapshotWith(orders), stop: async () => ({}) as never, done }));
    const started = await stream.next();
    expect(started.value).toMatchObject({ phase: SimulationPhase.RUNNING, ordersPlaced: 0n });
    orders = 3;
    const counted = await stream.next();
    expect(counted.value?.ordersPlaced).toBe(3n);
    // Nothing changed: the next state waits for a change, not for the interval.
    const next = stream.next();
    const raced = await Promise.race([next, new Promise((resolve) => setTimeout(() => resolve("waiting"), 50))]);
    expect(raced).toBe("waiting");
    orders = 4;
    expect((await next).value?.ordersPlaced).toBe(4n);
    stop.abort();
    expect((await stream.next()).done).toBe(true);
    end();
  });
});
