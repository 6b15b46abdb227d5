import { describe, expect, it } from "vitest";
import type { ConsumerState } from "./consumer-state.js";
import { drainBacklog, drainOutstanding } from "./drain-verdict.js";
import type { OutboxState } from "./outbox-state.js";

const streamOf = (schema: string) => `T1_${schema.toUpperCase()}`;
const outbox = (schema: string, rows: number, unpublished = 0): OutboxState => ({ schema, rows, unpublished });
const consumer = (stream: string, pending = 0, ackPending = 0): ConsumerState => ({
  stream,
  consumer: `c-${stream}`,
  pending,
  ackPending,
  streamLastSeq: 10,
});

describe("drain verdict", () => {
  it("is drained when everything is published and every consumer has caught up", () => {
    const look = {
      outboxesBefore: [outbox("orders", 5), outbox("notifications", 3)],
      consumers: [consumer("T1_ORDERS")],
      outboxesAfter: [outbox("orders", 5), outbox("notifications", 4)],
    };
    // Notifications' outbox may grow: nobody consumes its stream.
    expect(drainOutstanding(look, streamOf)).toEqual([]);
    expect(drainBacklog(look)).toBe(0);
  });

  it("names unpublished rows, busy consumers and consumed outboxes that grew while looking", () => {
    const look = {
      outboxesBefore: [outbox("orders", 5, 1), outbox("inventory", 7)],
      consumers: [consumer("T1_ORDERS", 2, 1), consumer("T1_INVENTORY")],
      outboxesAfter: [outbox("orders", 5), outbox("inventory", 8, 1)],
    };
    expect(drainOutstanding(look, streamOf)).toEqual([
      "orders outbox: 1 unpublished",
      "inventory outbox: 1 unpublished",
      "inventory outbox: 1 new while looking",
      "T1_ORDERS/c-T1_ORDERS: 2 pending, 1 unacknowledged",
    ]);
    expect(drainBacklog(look)).toBe(4);
  });
});
