import type { PlaceOrderRequestSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { type Kysely, sql } from "kysely";
import { claimRefusalSql, type KeyRefusalClaim } from "../../kit/idempotency/index.js";
import type { OrdersDatabase } from "./orders-database.js";

const table = (name: string) => sql.table(`orders.${name}`);

/** A definitive refusal of PlaceOrder, to store under its key. */
export interface PlacementRefusal {
  readonly claim: KeyRefusalClaim<typeof PlaceOrderRequestSchema>;
  readonly orderId: string;
  /** The epoch of the placement row the attempt registered in. */
  readonly epoch: string;
  /** Whether the attempt holds stock for the order id (it releases it itself once the refusal is stored). */
  readonly held: boolean;
}

/**
 * Stores a refusal under the key in ONE statement, fenced like `recordPlacement`: only while the
 * attempt's placement row is open in its epoch. The row becomes `settled` when this attempt was
 * its only one and holds nothing, and `refused` otherwise — another attempt with the key, or this
 * one if it dies before releasing, may hold stock that the sweeper then releases after the
 * deadline. `false`: the refusal was not stored (the key holds another answer, or the attempt
 * was given up); the caller reads what the key holds.
 */
export async function recordRefusal(db: Kysely<OrdersDatabase>, refusal: PlacementRefusal): Promise<boolean> {
  const result = await sql<{ key: string }>`
    with fence as (
      update ${table("placements")}
      set state = case when attempts = 1 and not ${refusal.held}::boolean then 'settled' else 'refused' end
      where order_id = ${refusal.orderId}::uuid and epoch = ${refusal.epoch}::uuid and state = 'open'
      returning order_id
    ), claim as (${claimRefusalSql(refusal.claim, { onlyIf: "fence" })})
    select key from claim
  `.execute(db);
  return result.rows.length > 0;
}
