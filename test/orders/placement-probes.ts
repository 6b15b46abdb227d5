import type { Kysely } from "kysely";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import { orderIdFor } from "../../services/orders/domain/index.js";
import { placeOrderScope } from "../../services/orders/operations/place-order.js";

/** The order id PlaceOrder derives from a customer's idempotency key. */
export function orderIdOf(customerId: string, key: string): string {
  return orderIdFor(placeOrderScope({ role: "customer", subject: customerId }), key);
}

/** The status of an order's stock hold at Inventory (`undefined`: it never held anything). */
export async function holdStatus(inventory: Kysely<InventoryDatabase>, orderId: string): Promise<string | undefined> {
  const hold = await inventory
    .selectFrom("reservations")
    .select("status")
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  return hold?.status;
}
