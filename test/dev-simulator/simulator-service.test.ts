import { createServer } from "node:net";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { type Client, Code, createClient } from "@connectrpc/connect";
import { type Simulation, SimulationPhase, SimulatorService } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybillTransport } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import type { RoleName } from "../../services/kit/auth/index.js";
import { freePort } from "../support/free-port.js";
import { errorOf } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { waitFor } from "../support/wait-for.js";

// The traffic simulator behind the console's switch, against a real Waybill: every role but
// service starts it, its counts move on the watch stream, the orders it places are Waybill's, a
// stop cleans up after it, a shutdown refuses new runs; off the development tools it is not there.

/** SimulatorService of `waybill`, called as `role`. */
async function simulatorOf(
  waybill: TestWaybill,
  role: RoleName,
  brandId?: string,
): Promise<Client<typeof SimulatorService>> {
  const token = await waybill.token(role, brandId);
  return createClient(SimulatorService, createWaybillTransport({ baseUrl: waybill.url, token, retry: false }));
}

/** Reads the watch stream until a state satisfies `done`; answers it. */
async function watchUntil(
  simulator: Client<typeof SimulatorService>,
  done: (simulation: Simulation) => boolean,
  timeoutMs = 45_000,
): Promise<Simulation> {
  const signal = AbortSignal.timeout(timeoutMs);
  let last: Simulation | undefined;
  for await (const { simulation } of simulator.watchSimulation({}, { signal })) {
    last = simulation;
    if (simulation && done(simulation)) return simulation;
  }
  throw new Error(`the stream ended before the state came; last: ${JSON.stringify(last?.phase)}`);
}

let waybill: TestWaybill;
let admin: Waybill;

beforeAll(async () => {
  // Drones fly a hundred times faster, as `npm start` makes them on a development server (20x).
  // The receiver takes a free port, not the fixed default other test files may hold meanwhile.
  waybill = await startTestWaybill({
    env: { FLEET_TIME_SCALE: "0.01", SIMULATOR_WEBHOOK_PORT: String(await freePort()) },
  });
  admin = await waybill.as("admin");
}, 60_000);

afterAll(async () => {
  await waybill?.stop();
});

describe("the simulator of a development server", () => {
  it("is idle until started", async () => {
    const simulator = await simulatorOf(waybill, "customer");
    const { simulation } = await simulator.getSimulation({});
    expect(simulation).toMatchObject({ phase: SimulationPhase.IDLE, running: false });
  });

  it("refuses a rate out of range, naming the field", async () => {
    const simulator = await simulatorOf(waybill, "admin");
    for (const ratePerSecond of [-1, 0.01, 1000, Number.NaN]) {
      const error = await errorOf(simulator.startSimulation({ ratePerSecond }));
      expect(error.code, String(ratePerSecond)).toBe(Code.InvalidArgument);
      const fields = error
        .findDetails(ViolationsSchema)
        .flatMap((detail) => detail.violations.map((v) => v.field?.elements.map((e) => e.fieldName).join(".")));
      expect([...new Set(fields)]).toEqual(["rate_per_second"]);
    }
    expect((await simulator.getSimulation({})).simulation?.phase).toBe(SimulationPhase.IDLE);
  });

  it("runs for a brand: counts grow on the stream, its orders are Waybill's, a second start answers the same run", async () => {
    const simulator = await simulatorOf(waybill, "brand", "sim-bistro");
    const { simulation, started } = await simulator.startSimulation({ ratePerSecond: 10, randomStart: 7 });
    expect(started).toBe(true);
    expect(simulation).toMatchObject({
      running: true,
      ratePerSecond: 10,
      randomStart: 7,
      brandIds: ["sim-bistro", "sim-bakery"],
    });
    expect([SimulationPhase.SETTING_UP, SimulationPhase.RUNNING]).toContain(simulation?.phase);

    // Another caller, another role: the same run, unchanged.
    const again = await (await simulatorOf(waybill, "courier")).startSimulation({ ratePerSecond: 50 });
    expect(again.started).toBe(false);
    expect(again.simulation?.ratePerSecond).toBe(10);
    expect(again.simulation?.startTime).toEqual(simulation?.startTime);

    const busy = await watchUntil(
      simulator,
      (state) =>
        state.phase === SimulationPhase.RUNNING && state.ordersPlaced >= 5n && (state.webhooks?.verified ?? 0n) > 0n,
    );
    expect(busy.webhooks?.registered).toBe(2);
    expect(busy.actions.map((action) => action.kind)).toContain("place-order");
    expect(busy.errors, busy.lastError).toBe(0n);

    // The orders it placed are there, and the kitchen moves them on.
    const orders = await waitFor(
      () => admin.orders.listOrders({ brandId: "sim-bistro", page: { pageSize: 500 } }),
      (answer) => answer.orders.some((order) => order.status !== OrderStatus.PLACED),
    );
    expect(orders.orders.length).toBeGreaterThan(0);
    expect(orders.orders.some((order) => order.status !== OrderStatus.PLACED)).toBe(true);

    const stopped = await simulator.stopSimulation({});
    expect(stopped.simulation).toMatchObject({ phase: SimulationPhase.STOPPED, running: false });
    expect(stopped.simulation?.endTime).toBeDefined();
    expect(stopped.simulation?.ordersPlaced).toBeGreaterThanOrEqual(busy.ordersPlaced);
    // Its webhooks are gone, its state stays readable, and a stop of nothing is no error.
    for (const brandId of ["sim-bistro", "sim-bakery"]) {
      expect((await admin.notifications.listWebhooks({ brandId })).webhooks).toEqual([]);
    }
    const after = await simulator.getSimulation({});
    expect(after.simulation).toMatchObject({
      phase: SimulationPhase.STOPPED,
      ordersPlaced: stopped.simulation?.ordersPlaced,
    });
    expect((await simulator.stopSimulation({})).simulation?.phase).toBe(SimulationPhase.STOPPED);
  }, 90_000);

  it("ends by itself after its duration", async () => {
    const simulator = await simulatorOf(waybill, "admin");
    const { started } = await simulator.startSimulation({ ratePerSecond: 5, duration: { seconds: 2n }, brands: 1 });
    expect(started).toBe(true);
    const ended = await watchUntil(simulator, (state) => state.phase === SimulationPhase.STOPPED);
    expect(ended.brandIds).toEqual(["sim-bistro"]);
    expect(ended.duration?.seconds).toBe(2n);
  }, 60_000);

  it("stops with the process, refusing new runs from the start of the shutdown; without webhooks when their port is taken", async () => {
    // Something else holds the receiver's port: the run goes on without webhooks and says why.
    const holder = createServer();
    await new Promise<void>((listening) => holder.listen(0, "127.0.0.1", listening));
    const takenPort = (holder.address() as { port: number }).port;
    // The port keeps answering for a while once shutdown began, as behind a load balancer.
    const other = await startTestWaybill({
      env: {
        FLEET_TIME_SCALE: "0.01",
        SIMULATOR_WEBHOOK_PORT: String(takenPort),
        SHUTDOWN_READINESS_DELAY_MS: "3000",
      },
    });
    try {
      const simulator = await simulatorOf(other, "admin");
      await simulator.startSimulation({ ratePerSecond: 10 });
      const running = await watchUntil(simulator, (state) => state.ordersPlaced > 0n);
      expect(running.webhooks?.registered).toBe(0);
      expect(running.notes.join("\n")).toContain(`port ${takenPort} of the webhook receiver is taken`);
      expect(running.errors, running.lastError).toBe(0n);
      const watching = watchUntil(simulator, () => false).catch((error: unknown) => error);
      const stopping = other.running.stop();
      // From the start of the shutdown no run begins: while the last one drains...
      expect((await errorOf(simulator.startSimulation({ ratePerSecond: 5 }))).code).toBe(Code.Unavailable);
      // ...and once it is over while the port still answers.
      await watchUntil(simulator, (state) => state.phase === SimulationPhase.STOPPED);
      const late = await errorOf(simulator.startSimulation({ ratePerSecond: 5 }));
      expect(late.code).toBe(Code.Unavailable);
      expect(late.rawMessage).toBe("the process is shutting down");
      await stopping;
      // The watch stream ended with the process rather than hanging.
      expect(await watching).toBeInstanceOf(Error);
    } finally {
      await other.stop();
      await new Promise<void>((closed) => holder.close(() => closed()));
    }
  }, 90_000);
});

describe("the simulator elsewhere", () => {
  it("is not served without the development tools: UNIMPLEMENTED, as the development sign-in", async () => {
    const off = await startTestWaybill({ env: { DEV_SIGN_IN_ENABLED: "false" } });
    try {
      const simulator = await simulatorOf(off, "admin");
      expect((await errorOf(simulator.getSimulation({}))).code).toBe(Code.Unimplemented);
      expect((await errorOf(simulator.startSimulation({}))).code).toBe(Code.Unimplemented);
    } finally {
      await off.stop();
    }
  }, 60_000);

  it("refuses to start on a process that does not serve all five services", async () => {
    const partial = await startTestWaybill({ definitions: [inventoryService] });
    try {
      const simulator = await simulatorOf(partial, "admin");
      const error = await errorOf(simulator.startSimulation({}));
      expect(error.code).toBe(Code.FailedPrecondition);
      expect(error.rawMessage).toContain("all five services");
    } finally {
      await partial.stop();
    }
  }, 60_000);
});
