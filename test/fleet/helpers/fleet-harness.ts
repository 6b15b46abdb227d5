import { create } from "@bufbuild/protobuf";
import {
  type Assignment,
  type Courier,
  CourierAvailability,
  CourierKind,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { OrderCancelledSchema, OrderReadyForDispatchSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { fleetService } from "../../../services/fleet/index.js";
import type { FleetDatabase } from "../../../services/fleet/storage/index.js";
import { createEventPublisher, outboxAggregateIds, schemaSql, waitUntil } from "../../support/index.js";
import { accessOf, startTestWaybill, type TestWaybill, type WaybillAccess } from "../../support/test-waybill.js";

/**
 * Simulated durations for tests: loading 50 ms, a flight 150 ms each way (zone `far`: 400 ms),
 * steps looked for every 10 ms.
 */
export const fastFleet: Readonly<Record<string, string>> = {
  FLEET_TIME_SCALE: "0.001",
  FLEET_LOAD_MS: "50000",
  FLEET_TRAVEL_MS: "150000",
  FLEET_ZONE_TRAVEL_MS: "far=400000",
  FLEET_TICK_MS: "10",
};

/** Options of a courier registered by a test. */
export interface CourierOptions {
  readonly capacity?: number;
  readonly availability?: CourierAvailability;
  readonly name?: string;
}

/**
 * Fleet started alone (one or more replicas on one database and stream), with tests playing
 * Orders. Its clients and environment are those of the first replica.
 */
export interface FleetHarness extends WaybillAccess {
  /** Every replica, the first included (each with its own URL and clients). */
  readonly replicas: readonly TestWaybill[];
  readonly admin: Waybill;
  readonly sql: Kysely<FleetDatabase>;
  /** Registers a courier as admin. */
  courier(kind: "drone" | "rider", zone: string, options?: CourierOptions): Promise<Courier>;
  /** Publishes OrderReadyForDispatch for a new (or the given) order of brand acme; returns the order id. */
  ready(zone: string, orderId?: string, eventId?: string): Promise<string>;
  /** Publishes OrderCancelled for an order of brand acme. */
  cancel(orderId: string, zone: string, reason?: string): Promise<void>;
  /** The order's assignment, as admin. */
  assignment(orderId: string): Promise<Assignment>;
  /** Polls the assignment until `done` holds (15 s at most) and returns it. */
  waitAssignment(orderId: string, done: (assignment: Assignment) => boolean): Promise<Assignment>;
  /** Aggregate ids (order or courier) of the Fleet events of one type written so far, oldest first. */
  events(type: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts Fleet with {@link fastFleet} timings (overridable) and `replicas` processes' worth of replicas. */
export async function startFleetHarness(
  options: { readonly replicas?: number; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<FleetHarness> {
  const env = { ...fastFleet, ...options.env };
  const waybill = await startTestWaybill({ definitions: [fleetService], env });
  const replicas = [waybill];
  for (let i = 1; i < (options.replicas ?? 1); i++) {
    replicas.push(await startTestWaybill({ definitions: [fleetService], env, sharing: waybill.env }));
  }
  const admin = await waybill.as("admin");
  const publisher = await createEventPublisher(waybill.env);
  const sql = schemaSql<FleetDatabase>(waybill.env.databaseUrl, "fleet");
  let couriers = 0;
  const harness: FleetHarness = {
    ...accessOf(waybill),
    replicas,
    admin,
    sql,
    async courier(kind, zone, courierOptions = {}) {
      const n = ++couriers;
      const { courier } = await admin.fleet.registerCourier({
        kind: kind === "drone" ? CourierKind.DRONE : CourierKind.RIDER,
        name: courierOptions.name ?? `${kind} ${String(n).padStart(3, "0")}`,
        zone,
        capacity: courierOptions.capacity ?? 1,
        availability: courierOptions.availability ?? CourierAvailability.ONLINE,
        idempotencyKey: `courier-${n}-${crypto.randomUUID()}`,
      });
      return courier!;
    },
    async ready(zone, orderId = crypto.randomUUID(), eventId) {
      const payload = create(OrderReadyForDispatchSchema, {
        orderId,
        brandId: "acme",
        customerId: "customer-1",
        deliveryZone: zone,
        deliveryAddress: {
          recipientName: "Ada Lovelace",
          line1: "Invalidenstrasse 1",
          city: "Berlin",
          countryCode: "DE",
        },
        totalUnits: 1n,
      });
      await publisher.publish("orders", OrderReadyForDispatchSchema, payload, {
        tenant: "acme",
        aggregateId: orderId,
        ...(eventId ? { id: eventId } : {}),
      });
      return orderId;
    },
    async cancel(orderId, zone, reason = "changed mind") {
      const payload = create(OrderCancelledSchema, {
        order: { orderId, brandId: "acme", customerId: "customer-1", deliveryZone: zone },
        reason,
        actor: "customer-1",
      });
      await publisher.publish("orders", OrderCancelledSchema, payload, { tenant: "acme", aggregateId: orderId });
    },
    async assignment(orderId) {
      return (await admin.fleet.getAssignment({ orderId })).assignment!;
    },
    async waitAssignment(orderId, done) {
      const { assignment } = await waitUntil(
        () => admin.fleet.getAssignment({ orderId }),
        (r) => done(r.assignment!),
        `the assignment of ${orderId}`,
      );
      return assignment!;
    },
    events: (type) => outboxAggregateIds(sql, "fleet", type),
    async stop() {
      await publisher.close();
      await sql.destroy();
      for (const replica of replicas.slice(1).reverse()) await replica.stop();
      await waybill.stop();
    },
  };
  return harness;
}
