import { create } from "@bufbuild/protobuf";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  OrderCancelledSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTables } from "../../services/kit/events/event-tables.js";
import { ledgerOf, levelOf, orderId, stockedItem, waitFor } from "../support/index.js";
import { orderOf, type ReactionHarness, startReactionHarness } from "./helpers/reaction-harness.js";

let h: ReactionHarness;

beforeAll(async () => {
  h = await startReactionHarness();
});
afterAll(() => h?.stop());

describe("order events", () => {
  it("OrderPlaced confirms the hold once, however often it arrives", async () => {
    await stockedItem(h.acme, "acme", "EV-1", 10);
    const id = await h.hold("EV-1", 2);
    const payload = create(OrderPlacedSchema, {
      order: orderOf(id, [{ sku: "EV-1", quantity: 2 }]),
      actor: "customer-1",
    });
    const eventId = await h.publish("orders", OrderPlacedSchema, payload);
    expect(
      await waitFor(
        () => h.statusOf(id),
        (s) => s === "confirmed",
      ),
    ).toBe("confirmed");
    await h.publish("orders", OrderPlacedSchema, payload, eventId); // redelivered: the inbox drops it
    await h.publish("orders", OrderPlacedSchema, payload); // the same fact under a new id
    await h.service.inventory.confirmReservation({ orderId: id }); // and by RPC
    await h.settle("orders");
    expect(await h.statusOf(id)).toBe("confirmed");
    expect(await levelOf(h.acme, "acme", "EV-1")).toMatchObject({ reserved: 2, sequence: 2 });
    const changes = await eventTables(h.sql, "inventory")
      .selectFrom("outbox")
      .select("id")
      .where("aggregate_id", "=", id)
      .execute();
    expect(changes).toHaveLength(2); // ReservationChanged: held, confirmed
  });

  it("OrderCancelled releases the hold once, also when it overtakes OrderPlaced or follows the RPC", async () => {
    await stockedItem(h.acme, "acme", "EV-2", 10);
    const early = await h.hold("EV-2", 3);
    const cancelled = create(OrderCancelledSchema, {
      order: orderOf(early),
      actor: "customer-1",
      reason: "changed mind",
    });
    await h.publish("orders", OrderCancelledSchema, cancelled);
    await h.publish("orders", OrderPlacedSchema, create(OrderPlacedSchema, { order: orderOf(early) }));
    await h.publish("orders", OrderCancelledSchema, cancelled);
    await h.settle("orders"); // the ledger order below assumes the early hold is settled first

    const viaRpc = await h.hold("EV-2", 1);
    await h.service.inventory.releaseReservation({ orderId: viaRpc, reason: "cancelled" });
    await h.publish("orders", OrderCancelledSchema, create(OrderCancelledSchema, { order: orderOf(viaRpc) }));
    await h.settle("orders");

    expect(await h.statusOf(early)).toBe("released");
    expect(await h.statusOf(viaRpc)).toBe("released");
    expect(await levelOf(h.acme, "acme", "EV-2")).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await h.reasons("EV-2")).toEqual(["RESTOCK", "RESERVE", "RELEASE", "RESERVE", "RELEASE"]);
    expect((await ledgerOf(h.acme, "acme", "EV-2"))[2]?.reference).toBe(`${early} (order cancelled - changed mind)`);
  });

  it("OrderCancelled after dispatch leaves the committed stock alone", async () => {
    await stockedItem(h.acme, "acme", "EV-3", 10);
    const id = await h.hold("EV-3", 4);
    await h.service.inventory.commitReservation({ orderId: id });
    await h.publish("orders", OrderCancelledSchema, create(OrderCancelledSchema, { order: orderOf(id) }));
    await h.settle("orders");
    expect(await h.statusOf(id)).toBe("committed");
    expect(await levelOf(h.acme, "acme", "EV-3")).toMatchObject({ onHand: 6, reserved: 0 });
  });

  it("OrderLinesReturned puts each line return back on hand once", async () => {
    await stockedItem(h.acme, "acme", "EV-4", 10);
    await stockedItem(h.acme, "acme", "EV-5", 10);
    const id = orderId();
    await h.service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [
        { sku: "EV-4", quantity: 3n },
        { sku: "EV-5", quantity: 1n },
      ],
    });
    await h.service.inventory.commitReservation({ orderId: id });
    const returned = (returnedSoFar: number) =>
      create(OrderLinesReturnedSchema, {
        order: orderOf(id, [
          { sku: "EV-4", quantity: 3, returned: returnedSoFar },
          { sku: "EV-5", quantity: 1 },
        ]),
        lines: [{ lineNumber: 1, sku: "EV-4", quantity: 1n }],
        actor: "brand-user",
        reason: "damaged",
      });
    const first = await h.publish("orders", OrderLinesReturnedSchema, returned(1));
    await h.publish("orders", OrderLinesReturnedSchema, returned(1), first);
    await h.publish("orders", OrderLinesReturnedSchema, returned(1));
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "EV-4")).toMatchObject({ onHand: 8, reserved: 0 });

    await h.publish("orders", OrderLinesReturnedSchema, returned(2)); // a second unit of line 1 comes back
    await h.settle("orders");
    expect(await levelOf(h.acme, "acme", "EV-4")).toMatchObject({ onHand: 9 });
    const entries = await ledgerOf(h.acme, "acme", "EV-4");
    expect(entries.slice(-2).map((e) => [LedgerReason[e.reason], e.deltaOnHand, e.reference, e.actor])).toEqual([
      ["RETURN", 1n, `${id} (returned - damaged)`, "brand-user"],
      ["RETURN", 1n, `${id} (returned - damaged)`, "brand-user"],
    ]);
    expect(await levelOf(h.acme, "acme", "EV-5")).toMatchObject({ onHand: 9 });
  });
});
