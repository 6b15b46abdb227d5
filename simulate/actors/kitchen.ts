import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { OrderSortField, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { type ActorContext, anyBrand, withFirstFree } from "./actor-context.js";

/** The kitchen's two moves: start preparing a placed order, or make a prepared one ready for dispatch. */
export type KitchenMove = "prepare" | "ready";

const moves: Readonly<Record<KitchenMove, { readonly from: OrderStatus; readonly to: OrderStatus }>> = {
  prepare: { from: OrderStatus.PLACED, to: OrderStatus.PREPARING },
  ready: { from: OrderStatus.PREPARING, to: OrderStatus.READY_FOR_DISPATCH },
};

/**
 * A brand's kitchen moves its oldest order waiting for `move` (any order of the brand, also from
 * earlier runs) with the brand's token; skipped when none waits. READY_FOR_DISPATCH hands the
 * order to Fleet, which assigns a rider or a drone.
 */
export async function moveOrder(context: ActorContext, move: KitchenMove): Promise<void> {
  const { tally } = context;
  const brand = anyBrand(context);
  const client = context.clients.brand(brand.brandId);
  const { from, to } = moves[move];
  const listed = await tally.lookUp(move, () =>
    client.orders.listOrders({
      brandId: brand.brandId,
      statuses: [from],
      sortField: OrderSortField.CREATE_TIME,
      sortDirection: SortDirection.ASCENDING,
      page: { pageSize: 10 },
    }),
  );
  if (!listed) return;
  const started = await withFirstFree(
    context,
    listed.orders.map((order) => order.orderId),
    async (orderId) => {
      await tally.attempt(move, () => client.orders.updateOrderStatus({ orderId, status: to }));
    },
  );
  if (!started) tally.skip(move);
}
