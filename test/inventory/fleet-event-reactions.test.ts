import { create } from "@bufbuild/protobuf";
import { DeliveryAbortedSchema, OrderDispatchedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerOf, levelOf, stockedItem } from "../support/index.js";
import { assignmentOf, type ReactionHarness, startReactionHarness } from "./helpers/reaction-harness.js";

let h: ReactionHarness;

beforeAll(async () => {
  h = await startReactionHarness();
});
afterAll(() => h?.stop());

describe("fleet events", () => {
  it("OrderDispatched commits the hold once, also after CommitReservation", async () => {
    await stockedItem(h.acme, "acme", "FL-1", 10);
    const id = await h.hold("FL-1", 2);
    await h.service.inventory.confirmReservation({ orderId: id });
    const dispatched = create(OrderDispatchedSchema, { assignment: assignmentOf(id) });
    const eventId = await h.publish("fleet", OrderDispatchedSchema, dispatched);
    await h.publish("fleet", OrderDispatchedSchema, dispatched, eventId);
    await h.publish("fleet", OrderDispatchedSchema, dispatched);
    const viaRpc = await h.hold("FL-1", 1);
    await h.service.inventory.commitReservation({ orderId: viaRpc });
    await h.publish(
      "fleet",
      OrderDispatchedSchema,
      create(OrderDispatchedSchema, { assignment: assignmentOf(viaRpc) }),
    );
    await h.settle("fleet");
    expect(await h.statusOf(id)).toBe("committed");
    expect(await levelOf(h.acme, "acme", "FL-1")).toMatchObject({ onHand: 7, reserved: 0 });
    // The event's commit and the RPC's race, so count rather than order the entries.
    expect((await h.reasons("FL-1")).sort()).toEqual(["COMMIT", "COMMIT", "RESERVE", "RESERVE", "RESTOCK"]);
    expect(
      (await ledgerOf(h.acme, "acme", "FL-1")).find(
        (e) => e.reason === LedgerReason.COMMIT && e.reference.startsWith(id),
      )?.actor,
    ).toBe("drone-7");
  });

  it("DeliveryAborted returns the committed goods once, however often it arrives", async () => {
    await stockedItem(h.acme, "acme", "FL-2", 10);
    const id = await h.hold("FL-2", 4);
    await h.publish("fleet", OrderDispatchedSchema, create(OrderDispatchedSchema, { assignment: assignmentOf(id) }));
    const aborted = create(DeliveryAbortedSchema, { assignment: assignmentOf(id), reason: "customer cancelled" });
    const eventId = await h.publish("fleet", DeliveryAbortedSchema, aborted);
    await h.publish("fleet", DeliveryAbortedSchema, aborted, eventId);
    await h.publish("fleet", DeliveryAbortedSchema, aborted);
    await h.settle("fleet");
    expect(await levelOf(h.acme, "acme", "FL-2")).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await h.reasons("FL-2")).toEqual(["RESTOCK", "RESERVE", "COMMIT", "RETURN"]);
    expect((await ledgerOf(h.acme, "acme", "FL-2")).at(-1)?.reference).toBe(
      `${id} (delivery aborted - customer cancelled)`,
    );
  });

  it("DeliveryAborted overtaking OrderDispatched releases the hold, and the late dispatch commits nothing", async () => {
    await stockedItem(h.acme, "acme", "FL-3", 10);
    const id = await h.hold("FL-3", 5);
    await h.publish("fleet", DeliveryAbortedSchema, create(DeliveryAbortedSchema, { assignment: assignmentOf(id) }));
    await h.publish("fleet", OrderDispatchedSchema, create(OrderDispatchedSchema, { assignment: assignmentOf(id) }));
    await h.settle("fleet");
    expect(await h.statusOf(id)).toBe("released");
    expect(await levelOf(h.acme, "acme", "FL-3")).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(await h.reasons("FL-3")).toEqual(["RESTOCK", "RESERVE", "RELEASE"]);
  });
});
