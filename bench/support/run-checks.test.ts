import { randomUUID } from "node:crypto";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestLogger } from "../../test/support/test-logger.js";
import { startTestWaybill, type TestWaybill } from "../../test/support/test-waybill.js";
import { benchAddress } from "./bench-address.js";
import { createBenchPool, serviceSchemas } from "./bench-database.js";
import { createDrainWatch } from "./drain-watch.js";
import { benchPromoCode, createPromoCampaign } from "./promo-campaign.js";
import { runChecks } from "./run-checks.js";

let waybill: TestWaybill;
let pool: pg.Pool;

// A few orders (one with the promo code) through a real Waybill, then everything drained: the
// checks must pass, and each kind of damage, made inside a transaction that is rolled back, must
// fail exactly the checks that guard against it.
beforeAll(async () => {
  waybill = await startTestWaybill();
  pool = createBenchPool(waybill.env.databaseUrl);
  const admin = await waybill.as("admin");
  const service = await waybill.as("service");
  for (const sku of ["A", "B"]) {
    await admin.inventory.createItem({
      brandId: "bench",
      sku,
      name: sku,
      unitPrice: { currencyCode: "EUR", minorUnits: 100n },
      idempotencyKey: `item-${sku}`,
    });
    await admin.inventory.adjustStock({
      brandId: "bench",
      sku,
      delta: 50n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: `stock-${sku}`,
    });
  }
  await createPromoCampaign(admin, "bench");
  const { customer } = await admin.orders.createCustomer({ name: "C", email: "c@example.com", idempotencyKey: "c" });
  for (let i = 0; i < 3; i++) {
    await service.orders.placeOrder({
      customerId: customer!.customerId,
      brandId: "bench",
      lines: [
        { sku: "A", quantity: 1n },
        { sku: "B", quantity: 2n },
      ],
      deliveryZone: "north",
      deliveryAddress: benchAddress,
      ...(i === 0 ? { promoCode: benchPromoCode } : {}),
      idempotencyKey: randomUUID(),
    });
  }
  const schemas = await serviceSchemas(pool);
  const watch = await createDrainWatch({
    db: pool,
    schemas,
    natsUrl: waybill.env.natsUrl,
    prefix: waybill.env.prefix,
    logger: createTestLogger(),
  });
  try {
    const drained = await watch.wait(performance.now(), 30_000, "test");
    expect(drained).toMatchObject({ drained: true, outstanding: [] });
  } finally {
    await watch.close();
  }
});

afterAll(async () => {
  await pool?.end();
  await waybill?.stop();
});

/** Names of the checks that failed with `damage` applied, in a transaction rolled back after. */
async function failingAfter(damage: string): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(damage);
    const checks = await runChecks(client, true);
    return checks.filter((check) => check.status === "fail").map((check) => check.name);
  } finally {
    await client.query("rollback");
    client.release();
  }
}

describe("the checks after a run", () => {
  it("pass on what Waybill did, with every count seen", async () => {
    const checks = await runChecks(pool, true);
    expect(checks.filter((check) => check.status !== "pass")).toEqual([]);
    const details = Object.fromEntries(checks.map((check) => [check.name, check.details]));
    expect(details["orders-confirmed"]).toMatchObject({ orders: 3, reservations: 3 });
    expect(details["order-placed-emails"]).toMatchObject({ events: 3 });
    expect(details["campaign-attribution"]).toMatchObject({ campaigns: 1, codedOrders: 1 });
  });

  it("fail the drained check, and skip rather than fail what needs the drain, when not drained", async () => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("update campaigns.campaign_stats set orders = orders + 1");
      const checks = await runChecks(client, false);
      const status = Object.fromEntries(checks.map((check) => [check.name, check.status]));
      expect(status).toMatchObject({ drained: "fail", "campaign-attribution": "skip", "stock-matches-ledger": "pass" });
    } finally {
      await client.query("rollback");
      client.release();
    }
  });

  it.each([
    [
      "a level off its ledger",
      "update inventory.stock_levels set on_hand = on_hand + 1 where sku = 'A'",
      ["stock-matches-ledger"],
    ],
    [
      "a negative available",
      `alter table inventory.stock_levels drop constraint stock_levels_available_non_negative;
       update inventory.stock_levels set on_hand = -1 where sku = 'A';
       insert into inventory.ledger (brand_id, sku, sequence, delta_on_hand, delta_reserved, reason)
         select brand_id, sku, ledger_sequence + 1, -1 - (select sum(delta_on_hand) from inventory.ledger where sku = 'A'), 0, 'adjust'
         from inventory.stock_levels where sku = 'A';
       update inventory.stock_levels set ledger_sequence = ledger_sequence + 1 where sku = 'A'`,
      ["stock-non-negative"],
    ],
    [
      "a reservation taken back without its ledger",
      "update inventory.reservations set status = 'released' where order_id = (select min(order_id::text)::uuid from inventory.reservations)",
      ["reserved-matches-holds", "ordered-units-match-reservations", "orders-confirmed"],
    ],
    ["an order left held", "update inventory.reservations set status = 'held'", ["orders-confirmed"]],
    [
      "a reservation move applied twice",
      `insert into inventory.ledger (brand_id, sku, sequence, delta_on_hand, delta_reserved, reason, reference)
         select brand_id, sku, sequence + 1000, 0, 0, reason, reference from inventory.ledger where reason = 'reserve' limit 1`,
      ["stock-matches-ledger", "stock-moves-once"],
    ],
    [
      "an email sent twice",
      `alter table notifications.notifications drop constraint notifications_once_per_recipient;
       create temporary table copy on commit drop as select * from notifications.notifications where template = 'order_placed' limit 1;
       update copy set notification_id = gen_random_uuid();
       insert into notifications.notifications select * from copy`,
      ["notifications-once", "order-placed-emails"],
    ],
    [
      "an order counted twice by its campaign",
      "update campaigns.campaign_stats set orders = orders + 1",
      ["campaign-attribution"],
    ],
  ])("fail on %s", async (_, damage, failing) => {
    expect((await failingAfter(damage)).sort()).toEqual([...failing].sort());
  });
});
