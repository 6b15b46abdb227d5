import { create } from "@bufbuild/protobuf";
import { OutOfStockSchema, StockChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import { describe, expect, it } from "vitest";
import { summarizeEvent } from "./summarize-event.js";

describe("summarizeEvent", () => {
  it("describes a stock change with its sign and the level after it", () => {
    const payload = create(StockChangedSchema, {
      entry: { sku: "MUG-1", deltaOnHand: -3n, reason: LedgerReason.ADJUSTMENT },
      stock: { sku: "MUG-1", available: 7n },
    });
    expect(summarizeEvent(payload)?.summary).toBe("MUG-1 adjusted -3 (available 7)");
  });

  it("describes out of stock", () => {
    expect(summarizeEvent(create(OutOfStockSchema, { stock: { sku: "TEA" } }))?.summary).toBe("TEA is out of stock");
  });

  it("ignores messages the feed does not show, and stock held for orders", () => {
    expect(summarizeEvent(create(EventEnvelopeSchema))).toBeUndefined();
    const hold = create(StockChangedSchema, { entry: { sku: "MUG-1", deltaReserved: 1n, reason: LedgerReason.RESERVE }, stock: { sku: "MUG-1" } });
    expect(summarizeEvent(hold)).toBeUndefined();
  });
});
