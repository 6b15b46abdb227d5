import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { OrderDispatchedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { OrderPlacedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { expect } from "vitest";
import type { ReservationStatusName } from "../../../services/inventory/domain/index.js";
import { createEventPublisher, ledgerOf, orderId, stockedItem, waitFor } from "../../support/index.js";
import { startInventoryHarness } from "./inventory-harness.js";

/** An order of brand acme as order events carry it. */
export function orderOf(id: string, lines: readonly { sku: string; quantity: number; returned?: number }[] = []) {
  return {
    orderId: id,
    brandId: "acme",
    lines: lines.map((line, i) => ({
      lineNumber: i + 1,
      sku: line.sku,
      quantity: BigInt(line.quantity),
      returnedQuantity: BigInt(line.returned ?? 0),
    })),
  };
}

/** A delivery assignment of an order as fleet events carry it. */
export const assignmentOf = (id: string) => ({ orderId: id, brandId: "acme", courierId: "drone-7" });

/**
 * Inventory alone with a publisher of other services' events: tests play Orders and Fleet and
 * watch how Inventory reacts.
 */
export async function startReactionHarness() {
  const inventory = await startInventoryHarness();
  const { acme, service, sql } = inventory;
  const publisher = await createEventPublisher(inventory.env);
  await stockedItem(acme, "acme", "EV-MARK", 1_000);

  const statusOf = async (id: string): Promise<ReservationStatusName | undefined> =>
    (await sql.selectFrom("reservations").select("status").where("order_id", "=", id).executeTakeFirst())?.status;

  /** Publishes an event of brand acme; `id` re-sends an earlier one under the same event id. */
  const publish = <Desc extends DescMessage>(domain: string, schema: Desc, payload: MessageShape<Desc>, id?: string) =>
    publisher.publish(domain, schema, payload, { tenant: "acme", aggregateId: "order", ...(id ? { id } : {}) });

  /** Holds `quantity` of `sku` for a fresh order (as Orders would) and returns the order id. */
  const hold = async (sku: string, quantity: number): Promise<string> => {
    const id = orderId();
    await service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [{ sku, quantity: BigInt(quantity) }],
    });
    return id;
  };

  /**
   * Events of one domain are handled one at a time in stream order: once a marker published after
   * them has taken effect, everything before it has been processed.
   */
  const settle = async (domain: "orders" | "fleet"): Promise<void> => {
    const marker = await hold("EV-MARK", 1);
    if (domain === "orders")
      await publish("orders", OrderPlacedSchema, create(OrderPlacedSchema, { order: orderOf(marker) }));
    else
      await publish(
        "fleet",
        OrderDispatchedSchema,
        create(OrderDispatchedSchema, { assignment: assignmentOf(marker) }),
      );
    const expected = domain === "orders" ? "confirmed" : "committed";
    expect(
      await waitFor(
        () => statusOf(marker),
        (status) => status === expected,
      ),
    ).toBe(expected);
  };

  /** The reasons of an item's ledger entries, oldest first. */
  const reasons = async (sku: string) => (await ledgerOf(acme, "acme", sku)).map((e) => LedgerReason[e.reason]);

  return {
    acme,
    service,
    sql,
    statusOf,
    publish,
    hold,
    settle,
    reasons,
    async stop() {
      await publisher.close();
      await inventory.stop();
    },
  };
}

/** A started {@link startReactionHarness}. */
export type ReactionHarness = Awaited<ReturnType<typeof startReactionHarness>>;
