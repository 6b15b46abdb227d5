import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { DeliveryAbortedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { OrderLinesReturnedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { returnedUnitsQuery } from "../../services/inventory/storage/index.js";
import {
  errorOf,
  ledgerOf,
  levelOf,
  orderId,
  rejectionsOf,
  stockedItem,
  waitFor,
  waitUntil,
} from "../support/index.js";
import { assignmentOf, orderOf, type ReactionHarness, startReactionHarness } from "./helpers/reaction-harness.js";

let h: ReactionHarness;

beforeAll(async () => {
  h = await startReactionHarness();
});
afterAll(() => h?.stop());

/** Holds and commits (dispatches) `quantity` of `sku` for a fresh order of acme; returns its id. */
async function committedOrder(sku: string, quantity: number): Promise<string> {
  const id = await h.hold(sku, quantity);
  await h.service.inventory.commitReservation({ orderId: id });
  return id;
}

/**
 * An `OrderLinesReturned` of line 1 (of `sku`, `quantity` ordered) returning `returning` units;
 * `returnedSoFar` is the line's returned total after it (omitted: the order carries no lines,
 * so Inventory keys the return by event id).
 */
function linesReturned(id: string, sku: string, returning: number, returnedSoFar?: number) {
  const lines = returnedSoFar === undefined ? [] : [{ sku, quantity: returnedSoFar, returned: returnedSoFar }];
  return create(OrderLinesReturnedSchema, {
    order: orderOf(id, lines),
    lines: [{ lineNumber: 1, sku, quantity: BigInt(returning) }],
    actor: "brand-user",
    reason: "damaged",
  });
}

const returnStock = (id: string, sku: string, quantity: number, idempotencyKey: string) =>
  h.acme.inventory.returnStock({
    orderId: id,
    brandId: "acme",
    lines: [{ sku, quantity: BigInt(quantity) }],
    idempotencyKey,
  });

/** The `return` entries of an item: [delta on hand, reference], oldest first. */
const returnsOf = async (sku: string) =>
  (await ledgerOf(h.acme, "acme", sku))
    .filter((entry) => entry.reason === LedgerReason.RETURN)
    .map((entry) => [Number(entry.deltaOnHand), entry.reference]);

describe("every return path is capped at what the order committed", () => {
  it("OrderLinesReturned asking for more than the order committed puts back only what it committed", async () => {
    await stockedItem(h.acme, "acme", "RL-1", 10);
    const id = await committedOrder("RL-1", 3);
    await h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-1", 5, 5));
    // Another return of the line (a new key), with nothing left to return: acknowledged, not retried.
    await h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-1", 1, 6));
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "RL-1")).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await returnsOf("RL-1")).toEqual([[3, `${id} (returned - damaged)`]]);

    const next = await errorOf(returnStock(id, "RL-1", 1, "rl-1-after-event"));
    expect(next.code).toBe(Code.FailedPrecondition);
    expect(next.rawMessage).toContain("committed 3 of RL-1 and 3 came back already");
  });

  it("returns re-sent under new event ids without the line's total add up to the committed units at most", async () => {
    await stockedItem(h.acme, "acme", "RL-2", 10);
    const id = await committedOrder("RL-2", 3);
    for (let i = 0; i < 3; i += 1) await h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-2", 2));
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "RL-2")).toMatchObject({ onHand: 10 });
    expect((await returnsOf("RL-2")).map(([units]) => units)).toEqual([2, 1]);
  });

  it("a ReturnStock and an OrderLinesReturned of the same line, at once, return the committed units once in all", async () => {
    const orders = 20;
    await stockedItem(h.acme, "acme", "RL-RACE", 100);
    const ids = await Promise.all(Array.from({ length: orders }, () => committedOrder("RL-RACE", 2)));
    expect(await levelOf(h.acme, "acme", "RL-RACE")).toMatchObject({ onHand: 100 - 2 * orders });

    const results = await Promise.allSettled(
      ids.flatMap((id, i) => {
        const byRpc = () => returnStock(id, "RL-RACE", 2, `race-${i}`);
        const byEvent = () => h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-RACE", 2, 2));
        // Start either path first, by turns.
        return i % 2 === 0 ? [byRpc(), byEvent()] : [byEvent(), byRpc()];
      }),
    );
    await h.settle("orders");

    // Whichever came second found nothing left: the RPC says so, the event is capped to nothing.
    expect(rejectionsOf(results).map((error) => error.code)).toEqual(
      rejectionsOf(results).map(() => Code.FailedPrecondition),
    );
    expect(await levelOf(h.acme, "acme", "RL-RACE")).toMatchObject({ onHand: 100, reserved: 0 });
    const perOrder = await h.sql
      .selectFrom("ledger")
      .select([sql<string>`split_part(reference, ' ', 1)`.as("order_id"), sql<string>`sum(delta_on_hand)`.as("units")])
      .where("sku", "=", "RL-RACE")
      .where("reason", "=", "return")
      .groupBy(sql`split_part(reference, ' ', 1)`)
      .execute();
    expect(Object.fromEntries(perOrder.map((row) => [row.order_id, Number(row.units)]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, 2])),
    );
  });

  it("a ReturnStock and an OrderLinesReturned waiting on the same order at once: the second counts the first", async () => {
    await stockedItem(h.acme, "acme", "RL-LOCK", 100);
    /** Backends of this test's database waiting for a lock (each test file has a database of its own). */
    const lockWaiters = async () =>
      Number(
        (
          await sql<{ waiting: number }>`
            select count(*) as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(h.sql)
        ).rows[0]?.waiting,
      );
    for (let i = 0; i < 10; i += 1) {
      const id = await committedOrder("RL-LOCK", 2);
      const eventFirst = i % 2 === 0;
      let rpc: Promise<Code | "returned"> = Promise.resolve("returned");
      const byRpc = async () => {
        rpc = returnStock(id, "RL-LOCK", 2, `lock-${i}`).then(
          () => "returned" as const,
          async (error: unknown) => (await errorOf(Promise.reject(error))).code,
        );
      };
      const byEvent = () => h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-LOCK", 2, 2));
      // The test holds the reservation's lock until both paths wait for it, the first one queued first.
      await h.sql.transaction().execute(async (trx) => {
        await trx.selectFrom("reservations").select("order_id").where("order_id", "=", id).forUpdate().execute();
        await (eventFirst ? byEvent() : byRpc());
        await waitUntil(lockWaiters, (n) => n >= 1, "the first return waiting for the order's lock");
        await (eventFirst ? byRpc() : byEvent());
        await waitUntil(lockWaiters, (n) => n >= 2, "both returns waiting for the order's lock");
      });
      expect(await rpc).toBe(eventFirst ? Code.FailedPrecondition : "returned");
    }
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "RL-LOCK")).toMatchObject({ onHand: 100, reserved: 0 });
    expect((await returnsOf("RL-LOCK")).map(([units]) => units)).toEqual(Array(10).fill(2));
  });

  it("an aborted delivery after a partial ReturnStock returns only the remainder", async () => {
    await stockedItem(h.acme, "acme", "RL-3", 10);
    const id = await committedOrder("RL-3", 5);
    await returnStock(id, "RL-3", 2, "rl-3-part");
    const aborted = create(DeliveryAbortedSchema, { assignment: assignmentOf(id) });
    await h.publish("fleet", DeliveryAbortedSchema, aborted);
    await h.settle("fleet");
    expect(await levelOf(h.acme, "acme", "RL-3")).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await returnsOf("RL-3")).toEqual([
      [2, id],
      [3, `${id} (delivery aborted)`],
    ]);

    // Everything came back already: the aborted delivery of another order returns nothing more.
    const whole = await committedOrder("RL-3", 4);
    await returnStock(whole, "RL-3", 4, "rl-3-whole");
    await h.publish("fleet", DeliveryAbortedSchema, create(DeliveryAbortedSchema, { assignment: assignmentOf(whole) }));
    await h.settle("fleet");
    expect(await levelOf(h.acme, "acme", "RL-3")).toMatchObject({ onHand: 10 });
    expect(await returnsOf("RL-3")).toHaveLength(3);
  });

  it("counts returns by event when ReturnStock spells the order id in capitals", async () => {
    await stockedItem(h.acme, "acme", "RL-4", 10);
    const id = await committedOrder("RL-4", 2);
    await h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-4", 2, 2));
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "RL-4")).toMatchObject({ onHand: 10 });
    const refused = await errorOf(returnStock(id.toUpperCase(), "RL-4", 1, "rl-4-capitals"));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(await levelOf(h.acme, "acme", "RL-4")).toMatchObject({ onHand: 10 });
  });

  it("OrderLinesReturned before the dispatch was processed here waits for it, then returns", async () => {
    await stockedItem(h.acme, "acme", "RL-5", 10);
    const id = await h.hold("RL-5", 2);
    await h.service.inventory.confirmReservation({ orderId: id });
    await h.publish("orders", OrderLinesReturnedSchema, linesReturned(id, "RL-5", 1, 1));
    await h.settle("orders"); // the return was tried (and given back) before the marker went through
    expect(await levelOf(h.acme, "acme", "RL-5")).toMatchObject({ onHand: 10, reserved: 2 });
    await h.service.inventory.commitReservation({ orderId: id });
    // Redelivered with the consumer's backoff (200 ms, 1 s, 5 s): a later attempt finds it committed.
    const level = await waitFor(
      () => levelOf(h.acme, "acme", "RL-5"),
      (l) => l.onHand === 9,
      30_000,
    );
    expect(level).toMatchObject({ onHand: 9, reserved: 0 });
  });
});

describe("the ledger_returns_by_order index", () => {
  it("serves the sum of an order's returns, without reading the ledger", async () => {
    await stockedItem(h.acme, "acme", "RL-IDX", 0);
    // A ledger of some size: many entries of other reasons and returns of other orders.
    await sql`
      insert into inventory.ledger (brand_id, sku, sequence, delta_on_hand, delta_reserved, reason, reference)
      select 'acme', 'RL-IDX', g, 0, 0, case when g % 10 = 0 then 'return' else 'reserve' end,
             gen_random_uuid()::text || case when g % 20 = 0 then ' (returned)' else '' end
      from generate_series(1, 50000) g`.execute(h.sql);
    await sql`analyze inventory.ledger`.execute(h.sql);
    const plan = JSON.stringify(await returnedUnitsQuery(h.sql, "acme", orderId()).explain("json"));
    expect(plan).toContain("ledger_returns_by_order");
    expect(plan).not.toContain("Seq Scan");
  });
});
