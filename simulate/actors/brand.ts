import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { OrderSortField, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { readStock, worldShape } from "../world.js";
import { type ActorContext, anyBrand, withFirstFree } from "./actor-context.js";

/**
 * A brand looks at its stock, least available first, and restocks the lowest item when it is below
 * the low-stock level; skipped when nothing is low. Also refreshes what customers think is in stock.
 */
export async function restock(context: ActorContext): Promise<void> {
  const { tally } = context;
  const brand = anyBrand(context);
  const client = context.clients.brand(brand.brandId);
  const levels = await tally.lookUp("restock", () => readStock(client, brand));
  if (!levels) return;
  const lowest = levels[0];
  if (!lowest || lowest.available >= BigInt(worldShape.lowStock)) return tally.skip("restock");
  const delta = BigInt(worldShape.restock);
  const done = await tally.attempt("restock", () =>
    client.inventory.adjustStock({
      brandId: brand.brandId,
      sku: lowest.sku,
      delta,
      reason: LedgerReason.RESTOCK,
      reference: "waybill simulate: restock when low",
    }),
  );
  if (done?.stock) brand.available.set(lowest.sku, Number(done.stock.available));
}

/**
 * A customer sends back one unit of a delivered order (any delivered order of the brand, by
 * rider or drone); the brand records it, with its token, and the unit goes back on hand.
 */
export async function returnLines(context: ActorContext): Promise<void> {
  const { tally, random } = context;
  const brand = anyBrand(context);
  const client = context.clients.brand(brand.brandId);
  const listed = await tally.lookUp("return-lines", () =>
    client.orders.listOrders({
      brandId: brand.brandId,
      statuses: [OrderStatus.DELIVERED],
      sortField: OrderSortField.UPDATE_TIME,
      sortDirection: SortDirection.DESCENDING,
      page: { pageSize: 20 },
    }),
  );
  if (!listed) return;
  const byId = new Map(listed.orders.map((order) => [order.orderId, order]));
  const started = await withFirstFree(context, [...byId.keys()], async (orderId) => {
    const order = byId.get(orderId);
    const open = order?.lines.filter((line) => line.quantity > line.returnedQuantity) ?? [];
    if (open.length === 0) return tally.skip("return-lines");
    const line = random.pick(open);
    await tally.attempt("return-lines", () =>
      client.orders.returnOrderLines({
        orderId,
        lines: [{ lineNumber: line.lineNumber, quantity: 1n }],
        reason: "did not fit",
      }),
    );
  });
  if (!started) tally.skip("return-lines");
}
