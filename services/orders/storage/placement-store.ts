import type { Kysely } from "kysely";
import type { OrdersDatabase } from "./orders-database.js";

/** What PlaceOrder knows before it reserves anything. */
export interface PlacementLookup {
  /** The idempotency key already has a stored answer: replay it, call nobody. */
  readonly answered: boolean;
  readonly customerExists: boolean;
}

/**
 * One round trip before PlaceOrder calls Inventory: whether the key was already answered and
 * whether the customer exists.
 */
export async function lookupPlacement(
  db: Kysely<OrdersDatabase>,
  scope: string,
  key: string,
  customerId: string,
): Promise<PlacementLookup> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom("idempotency")
            .select("key")
            .where("scope", "=", scope)
            .where("key", "=", key)
            .where("response", "is not", null),
        )
        .as("answered"),
      eb
        .exists(eb.selectFrom("customers").select("customer_id").where("customer_id", "=", customerId))
        .as("customer_exists"),
    ])
    .executeTakeFirstOrThrow();
  return { answered: Boolean(row.answered), customerExists: Boolean(row.customer_exists) };
}

/** Forgets a stored answer, so the key answers again (an order cancelled because its hold expired). */
export async function forgetAnswer(trx: Kysely<OrdersDatabase>, scope: string, key: string): Promise<void> {
  await trx.deleteFrom("idempotency").where("scope", "=", scope).where("key", "=", key).execute();
}
