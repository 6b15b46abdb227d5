import { create } from "@bufbuild/protobuf";
import {
  AssignmentStatus,
  CourierAvailability,
  CourierKind,
  CourierState,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { OrderReadyForDispatchSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FleetDatabase } from "../../services/fleet/storage/index.js";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createEventPublisher,
  createIsolatedEnvironment,
  type EventPublisher,
  type IsolatedEnvironment,
  schemaSql,
  spawnWaybill,
  type WaybillProcess,
  waitUntil,
} from "../support/index.js";

const secret = "restart-secret-of-at-least-thirty-two-characters";
/** A 1.5 s flight each way, so the process can be killed while the drone is in the air. */
const variables = {
  SERVICES: "fleet",
  AUTH_SECRET: secret,
  FLEET_TIME_SCALE: "0.001",
  FLEET_LOAD_MS: "20000",
  FLEET_TRAVEL_MS: "1500000",
  FLEET_TICK_MS: "10",
};

let env: IsolatedEnvironment;
let publisher: EventPublisher;
const processes: WaybillProcess[] = [];

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  publisher = await createEventPublisher(env);
});
afterAll(async () => {
  for (const process of processes) await process.kill("SIGTERM");
  await publisher?.close();
  await env?.cleanup();
});

async function start(): Promise<{ process: WaybillProcess; admin: Waybill }> {
  const process = await spawnWaybill(env, variables);
  processes.push(process);
  const token = await createTokenIssuer(secret).sign({ subject: "restart-test", role: "admin" });
  return { process, admin: createWaybill({ baseUrl: process.url, token }) };
}

/** Polls `read` until `done` holds (20 s at most: a process starts in between), failing with `what`. */
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) =>
  waitUntil(read, done, what, 20_000);

it("completes a delivery whose Fleet process was killed mid-flight, once another one starts", async () => {
  const first = await start();
  const { courier } = await first.admin.fleet.registerCourier({
    kind: CourierKind.DRONE,
    name: "D1",
    zone: "z",
    capacity: 1,
    availability: CourierAvailability.ONLINE,
    idempotencyKey: "d1",
  });
  const orderId = crypto.randomUUID();
  const ready = create(OrderReadyForDispatchSchema, {
    orderId,
    brandId: "acme",
    customerId: "c1",
    deliveryZone: "z",
    deliveryAddress: { recipientName: "Ada", line1: "1 Road", city: "Berlin", countryCode: "DE" },
  });
  await publisher.publish("orders", OrderReadyForDispatchSchema, ready, { tenant: "acme", aggregateId: orderId });
  await until(
    () => first.admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.EN_ROUTE,
    "take-off",
  );

  await first.process.kill("SIGKILL");
  const sql = schemaSql<FleetDatabase>(env.databaseUrl, "fleet");
  try {
    const row = await sql
      .selectFrom("assignments")
      .select(["status", "next_step", "due_at"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "en_route", next_step: "arrive" });

    const second = await start();
    const delivered = await until(
      () => second.admin.fleet.getAssignment({ orderId }),
      (r) => r.assignment?.status === AssignmentStatus.DELIVERED,
      "the delivery",
    );
    expect(delivered.assignment?.courierId).toBe(courier!.courierId);
    const landed = await until(
      () => second.admin.fleet.getCourier({ courierId: courier!.courierId }),
      (r) => r.courier?.state === CourierState.READY,
      "the landing",
    );
    expect(landed.courier?.activeAssignments).toBe(0);

    const delivery = await sql
      .selectFrom("outbox")
      .select(["id", "published_at"])
      .where("event_type", "=", "waybill.fleet.v1.OrderDelivered")
      .where("aggregate_id", "=", orderId)
      .execute();
    expect(delivery).toHaveLength(1);
    await until(
      async () => (await sql.selectFrom("outbox").select("id").where("published_at", "is", null).execute()).length,
      (left) => left === 0,
      "the relay",
    );
  } finally {
    await sql.destroy();
  }
});
