import { type Kysely, type RawBuilder, sql } from "kysely";
import type { CustomerRow } from "./customers-store.js";
import type { OrdersDatabase } from "./orders-database.js";

/**
 * SQL condition on a row of `orders.customers` (referred to as `customers`): the customer belongs
 * to brand `brandId` for its partners — the brand's partners created the customer, or the
 * customer has an order of the brand (the rule: `domain/customer-access.ts`). The order check
 * uses the (customer, created, id) index of orders.
 */
export function belongsToBrand(brandId: string): RawBuilder<boolean> {
  return sql<boolean>`(customers.created_by_brand = ${brandId}::text or exists (
    select 1 from ${sql.table("orders.orders")} as brand_order
    where brand_order.customer_id = customers.customer_id and brand_order.brand_id = ${brandId}::text
  ))`;
}

/** Reads one customer of brand `brandId` ({@link belongsToBrand}), or `undefined`: unknown and another brand's alike. */
export async function findCustomerOfBrand(
  db: Kysely<OrdersDatabase>,
  customerId: string,
  brandId: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom("customers")
    .selectAll()
    .where("customer_id", "=", customerId)
    .where(belongsToBrand(brandId))
    .executeTakeFirst();
}
