import { AssignmentStatus } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

const zones = ["z1", "z2", "z3", "z4", "z5"];
const ridersPerZone = 10;
const orders = 1_000;

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({ replicas: 2 });
});
afterAll(() => h?.stop());

/** Per zone, in one snapshot: the spread of active orders over online couriers, and the queue. */
async function balance() {
  const { rows } = await sql<{ zone: string; spread: number; queued: number }>`
    select c.zone, max(c.active) - min(c.active) as spread,
      (select count(*) from fleet.assignments a where a.zone = c.zone and a.status = 'queued') as queued
    from fleet.couriers c where c.availability = 'online' group by c.zone`.execute(h.sql);
  return rows.map((row) => ({ ...row, spread: Number(row.spread), queued: Number(row.queued) }));
}

it("assigns 1,000 orders over 50 couriers in 5 zones with two Fleet replicas: each exactly once, loads balanced", async () => {
  const riders = [];
  for (const zone of zones)
    for (let i = 0; i < ridersPerZone; i++) riders.push(await h.courier("rider", zone, { capacity: 2 }));

  let finished = false;
  const imbalances: unknown[] = [];
  let samplesWhileQueued = 0;
  // A snapshot every 15 ms until the end, each kept where a zone has a queue.
  const sample = async () => {
    for (const zone of await balance()) {
      if (zone.queued === 0) continue;
      samplesWhileQueued++;
      if (zone.spread > 1) imbalances.push(zone);
    }
  };
  const sampler = waitFor(sample, () => finished, 200_000, 15);

  // Every order once, a tenth of them again under the same event id and a tenth under a new one.
  const ids: string[] = [];
  for (let i = 0; i < orders; i++) {
    const zone = zones[i % zones.length]!;
    const eventId = crypto.randomUUID();
    const id = await h.ready(zone, undefined, eventId);
    ids.push(id);
    if (i % 10 === 3) await h.ready(zone, id, eventId);
    if (i % 10 === 7) await h.ready(zone, id);
  }

  // 1,000 orders for 100 places: nobody delivers yet, so queues form and stay until the riders
  // start; the sampler sees them before then.
  await waitFor(
    async () => samplesWhileQueued,
    (samples) => samples > 0,
    60_000,
  );

  // Each rider picks up and delivers whatever it is given, until every order is delivered.
  const delivered = async () =>
    Number(
      (
        await h.sql
          .selectFrom("assignments")
          .select(sql<number>`count(*)`.as("n"))
          .where("status", "=", "delivered")
          .executeTakeFirstOrThrow()
      ).n,
    );
  const work = riders.map(async (rider) => {
    const client = await h.asCourier(rider.courierId);
    while (!finished) {
      // A rider's app asks for new work every 100 ms until it has some (or everything is delivered).
      const { assignments } = await waitFor(
        () => client.fleet.listAssignments({ courierId: rider.courierId, statuses: [AssignmentStatus.ASSIGNED] }),
        (list) => list.assignments.length > 0 || finished,
        200_000,
        100,
      );
      for (const assignment of assignments) {
        await client.fleet.reportPickup({
          orderId: assignment.orderId,
          idempotencyKey: `pickup-${assignment.orderId}`,
        });
        await client.fleet.reportDelivery({
          orderId: assignment.orderId,
          idempotencyKey: `delivery-${assignment.orderId}`,
        });
      }
    }
  });
  await waitFor(delivered, (count) => count === orders, 150_000, 100);
  finished = true;
  await Promise.all([...work, sampler]);

  expect(await delivered()).toBe(orders);
  const assigned = await h.events("OrderAssigned");
  expect(assigned).toHaveLength(orders);
  expect(new Set(assigned)).toEqual(new Set(ids));
  expect(samplesWhileQueued).toBeGreaterThan(0);
  expect(imbalances).toEqual([]);
  const loads = await h.sql.selectFrom("couriers").select(["active"]).execute();
  expect(loads.every((courier) => courier.active === 0)).toBe(true);
  const perCourier = await h.sql
    .selectFrom("assignments")
    .select(["courier_id", sql<number>`count(*)`.as("n")])
    .groupBy("courier_id")
    .execute();
  expect(perCourier).toHaveLength(zones.length * ridersPerZone); // everyone worked
}, 200_000);
