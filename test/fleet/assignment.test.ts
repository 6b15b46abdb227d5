import { Code } from "@connectrpc/connect";
import {
  AssignmentStatus,
  CourierAvailability,
  CourierKind,
  CourierState,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness();
});
afterAll(() => h?.stop());

const assigned = (a: { status: AssignmentStatus }) => a.status === AssignmentStatus.ASSIGNED;
const queued = (a: { status: AssignmentStatus }) => a.status === AssignmentStatus.QUEUED;

describe("assignment", () => {
  it("gives each order to the least-loaded courier of its zone, ties to the longest idle (seed 3)", async () => {
    const riders = [
      await h.courier("rider", "south", { capacity: 3 }),
      await h.courier("rider", "south", { capacity: 3 }),
      await h.courier("rider", "south", { capacity: 3 }),
    ];
    const elsewhere = await h.courier("rider", "north", { capacity: 3 });
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await h.ready("south");
      order.push((await h.waitAssignment(id, assigned)).courierId);
    }
    const ids = riders.map((rider) => rider.courierId);
    expect(order).toEqual([...ids, ...ids]);

    for (const rider of riders) {
      const client = await h.asCourier(rider.courierId);
      const { assignments } = await client.fleet.listAssignments({ courierId: rider.courierId });
      expect(assignments).toHaveLength(2);
      expect(assignments.every((a) => a.courierId === rider.courierId && a.zone === "south" && a.attempt === 1)).toBe(
        true,
      );
      expect((await client.fleet.getCourier({ courierId: rider.courierId })).courier).toMatchObject({
        activeAssignments: 2,
        state: CourierState.READY,
      });
    }
    expect((await h.admin.fleet.listAssignments({ courierId: elsewhere.courierId })).assignments).toHaveLength(0);
  });

  it("queues orders first in first out while no courier is free, and assigns them as one frees up or comes online", async () => {
    const rider = await h.courier("rider", "east");
    const first = await h.ready("east");
    expect((await h.waitAssignment(first, assigned)).courierId).toBe(rider.courierId);
    const second = await h.ready("east");
    const third = await h.ready("east");
    expect(await h.waitAssignment(second, queued)).toMatchObject({ queuePosition: 1n, courierId: "" });
    expect(await h.waitAssignment(third, queued)).toMatchObject({ queuePosition: 2n });
    expect((await h.admin.fleet.getCourier({ courierId: rider.courierId })).courier?.state).toBe(CourierState.BUSY);

    const client = await h.asCourier(rider.courierId);
    const pickedUp = await client.fleet.reportPickup({ orderId: first, idempotencyKey: "pickup-1" });
    expect(pickedUp.assignment).toMatchObject({ status: AssignmentStatus.EN_ROUTE });
    expect(pickedUp.assignment?.estimatedArrivalTime).toBeDefined();
    await client.fleet.reportDelivery({ orderId: first, receivedBy: "Ada", idempotencyKey: "delivery-1" });
    expect((await h.assignment(second)).courierId).toBe(rider.courierId);
    expect(await h.assignment(third)).toMatchObject({ status: AssignmentStatus.QUEUED, queuePosition: 1n });

    const late = await h.courier("rider", "east", { availability: CourierAvailability.OFFLINE });
    expect(await h.assignment(third)).toMatchObject({ status: AssignmentStatus.QUEUED });
    const online = await h.admin.fleet.setCourierAvailability({
      courierId: late.courierId,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: "late-online",
    });
    expect(online.courier).toMatchObject({ activeAssignments: 1, state: CourierState.BUSY });
    expect((await h.assignment(third)).courierId).toBe(late.courierId);
  });

  it("assigns an order once however often its ready event arrives", async () => {
    const rider = await h.courier("rider", "west", { capacity: 5 });
    const eventId = crypto.randomUUID();
    const id = await h.ready("west", undefined, eventId);
    await h.ready("west", id, eventId); // redelivered: the inbox drops it
    await h.ready("west", id); // the same fact under a new event id: the primary key drops it
    await h.waitAssignment(id, assigned);
    const marker = await h.ready("west");
    await h.waitAssignment(marker, assigned);
    expect((await h.events("OrderAssigned")).filter((aggregate) => aggregate === id)).toHaveLength(1);
    expect((await h.admin.fleet.getCourier({ courierId: rider.courierId })).courier?.activeAssignments).toBe(2);
  });

  it("hands back a courier's orders not yet picked up when it goes offline, and keeps the ones it carries", async () => {
    const a = await h.courier("rider", "harbour", { capacity: 2 });
    const b = await h.courier("rider", "harbour", { capacity: 2 });
    const [o1, o2, o3] = [await h.ready("harbour"), await h.ready("harbour"), await h.ready("harbour")];
    expect((await h.waitAssignment(o1, assigned)).courierId).toBe(a.courierId);
    expect((await h.waitAssignment(o2, assigned)).courierId).toBe(b.courierId);
    expect((await h.waitAssignment(o3, assigned)).courierId).toBe(a.courierId);
    const riderA = await h.asCourier(a.courierId);
    await riderA.fleet.reportPickup({ orderId: o1, idempotencyKey: "a-pickup" });

    const offline = await riderA.fleet.setCourierAvailability({
      courierId: a.courierId,
      availability: CourierAvailability.OFFLINE,
      reason: "flat tyre",
      idempotencyKey: "a-off",
    });
    expect(offline.courier).toMatchObject({ state: CourierState.OFFLINE, activeAssignments: 1 });
    expect(await h.assignment(o3)).toMatchObject({
      status: AssignmentStatus.ASSIGNED,
      courierId: b.courierId,
      attempt: 2,
    });
    expect(await h.assignment(o1)).toMatchObject({ status: AssignmentStatus.EN_ROUTE, courierId: a.courierId });

    const o4 = await h.ready("harbour");
    await h.waitAssignment(o4, queued);
    await riderA.fleet.reportDelivery({ orderId: o1, idempotencyKey: "a-delivery" }); // offline riders still finish
    expect(await h.assignment(o4)).toMatchObject({ status: AssignmentStatus.QUEUED });
    await riderA.fleet.setCourierAvailability({
      courierId: a.courierId,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: "a-on",
    });
    expect(await h.assignment(o4)).toMatchObject({ status: AssignmentStatus.ASSIGNED, courierId: a.courierId });
  });

  it("answers bad requests with the right codes", async () => {
    const drone = await errorOf(
      h.admin.fleet.registerCourier({
        kind: CourierKind.DRONE,
        name: "D",
        zone: "x",
        capacity: 2,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: "bad-drone",
      }),
    );
    expect(drone.code).toBe(Code.InvalidArgument);
    expect(drone.message).toContain("a drone carries exactly one order");

    const rider = await h.courier("rider", "yard", { capacity: 2 });
    const duplicate = await errorOf(
      h.admin.fleet.registerCourier({
        courierId: rider.courierId,
        kind: CourierKind.RIDER,
        name: "R",
        zone: "yard",
        capacity: 1,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: "dup",
      }),
    );
    expect(duplicate.code).toBe(Code.AlreadyExists);

    const other = await h.courier("rider", "yard");
    const client = await h.asCourier(other.courierId);
    expect((await errorOf(client.fleet.getCourier({ courierId: rider.courierId }))).code).toBe(Code.PermissionDenied);
    expect(await errorOf(client.fleet.listAssignments({}))).toMatchObject({ code: Code.PermissionDenied });
    const maintenance = await errorOf(
      client.fleet.setCourierAvailability({
        courierId: other.courierId,
        availability: CourierAvailability.MAINTENANCE,
        idempotencyKey: "m",
      }),
    );
    expect(maintenance.code).toBe(Code.PermissionDenied);

    const id = await h.ready("yard");
    const assignment = await h.waitAssignment(id, assigned);
    const owner = await h.asCourier(assignment.courierId);
    const stranger = await h.asCourier(assignment.courierId === rider.courierId ? other.courierId : rider.courierId);
    expect((await errorOf(stranger.fleet.reportPickup({ orderId: id, idempotencyKey: "s" }))).code).toBe(Code.NotFound);
    const early = await errorOf(owner.fleet.reportDelivery({ orderId: id, idempotencyKey: "early" }));
    expect(early.code).toBe(Code.FailedPrecondition);
    expect(early.message).toContain("is assigned - a delivery report needs it en_route");
    expect((await errorOf(h.admin.fleet.getAssignment({ orderId: crypto.randomUUID() }))).code).toBe(Code.NotFound);

    const retried = await Promise.all(
      [1, 2].map(() => owner.fleet.reportPickup({ orderId: id, idempotencyKey: "same-key" })),
    );
    expect(retried[0]?.assignment?.status).toBe(AssignmentStatus.EN_ROUTE);
    expect(retried[1]).toEqual(retried[0]);
  });
});
