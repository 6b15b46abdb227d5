import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { OrderSortField, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { ActionName } from "../tally.js";
import { worldShape } from "../world.js";
import { type ActorContext, anyBrand, withFirstFree } from "./actor-context.js";

/** The kinds of order a customer places: within stock, with the brand's promo code, or beyond the stock. */
export type OrderKind = "in-stock" | "promo" | "over-stock";

const actionOf: Readonly<Record<OrderKind, ActionName>> = {
  "in-stock": "place-order",
  promo: "place-order-promo",
  "over-stock": "place-order-over-stock",
};

/**
 * A customer of a random brand orders, with their own token: one or two SKUs with stock to spare
 * (one or two units each; skipped when none has), the same with the brand's promo code, or more
 * of one SKU than is available, which Waybill refuses with a stock shortage.
 */
export async function placeOrder(context: ActorContext, kind: OrderKind): Promise<void> {
  const { random, tally } = context;
  const brand = anyBrand(context);
  const action = actionOf[kind];
  const customerId = random.pick(brand.customerIds);
  const spare = brand.skus.filter((sku) => (brand.available.get(sku) ?? 0) > worldShape.lowStock / 2);
  let lines: { sku: string; quantity: bigint }[];
  if (kind === "over-stock") {
    const sku = random.pick(brand.skus);
    // Well beyond what was last seen: cancellations and returns may have added a little since.
    const beyond = (brand.available.get(sku) ?? 0) + random.between(100, 200);
    lines = [{ sku, quantity: BigInt(Math.min(100_000, beyond)) }];
  } else {
    if (spare.length === 0) return tally.skip(action);
    const first = random.pick(spare);
    const others = spare.filter((sku) => sku !== first);
    const second = others.length > 0 && random.chance(0.4) ? random.pick(others) : undefined;
    lines = [first, ...(second ? [second] : [])].map((sku) => ({ sku, quantity: BigInt(random.between(1, 2)) }));
  }
  const promoCode = kind === "promo" ? brand.promoCode : undefined;
  const customerNumber = brand.customerIds.indexOf(customerId) + 1;
  const answer = await tally.attempt(action, () =>
    context.clients.customer(customerId).orders.placeOrder({
      customerId,
      brandId: brand.brandId,
      lines,
      deliveryZone: random.pick(context.world.fleet.zones),
      deliveryAddress: {
        recipientName: `Load customer ${customerNumber}`,
        line1: `${random.between(1, 200)} Canal Street`,
        city: "Utrecht",
        countryCode: "NL",
      },
      ...(promoCode === undefined ? {} : { promoCode }),
    }),
  );
  if (!answer?.order) return;
  context.placed.add(answer.order.orderId);
  for (const line of lines) {
    brand.available.set(line.sku, (brand.available.get(line.sku) ?? 0) - Number(line.quantity));
  }
}

/**
 * A customer changes their mind: one of the brand's orders not yet being prepared for dispatch
 * (PLACED or PREPARING) is cancelled with its customer's token.
 */
export async function cancelOrder(context: ActorContext): Promise<void> {
  const { tally, clients } = context;
  const brand = anyBrand(context);
  const listed = await tally.lookUp("cancel", () =>
    clients.brand(brand.brandId).orders.listOrders({
      brandId: brand.brandId,
      statuses: [OrderStatus.PLACED, OrderStatus.PREPARING],
      sortField: OrderSortField.CREATE_TIME,
      sortDirection: SortDirection.DESCENDING,
      page: { pageSize: 20 },
    }),
  );
  if (!listed) return;
  const ours = listed.orders.filter((order) => brand.customerIds.includes(order.customerId));
  const customerOf = new Map(ours.map((order) => [order.orderId, order.customerId]));
  const started = await withFirstFree(context, [...customerOf.keys()], async (orderId) => {
    const customer = clients.customer(customerOf.get(orderId) as string);
    await tally.attempt("cancel", () => customer.orders.cancelOrder({ orderId, reason: "changed my mind" }));
  });
  if (!started) tally.skip("cancel");
}
