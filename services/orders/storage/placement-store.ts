import { type Kysely, sql } from "kysely";
import { belongsToBrand } from "./customer-of-brand.js";
import type { OrdersDatabase } from "./orders-database.js";

/** The schema Orders owns (the kit scopes a service's database to the schema named after it). */
const table = (name: string) => sql.table(`orders.${name}`);

/** What PlaceOrder knows before it reserves anything. */
export interface PlacementStart {
  /** The idempotency key already has a stored answer (or refusal): replay it, call nobody. */
  readonly answered: boolean;
  readonly customerExists: boolean;
  /**
   * The epoch of the placement row this attempt opened or joined; `undefined` when it could not
   * (the key is answered, the customer unknown, or the row is settled or being released).
   */
  readonly epoch: string | undefined;
}

/** An attempt to register before PlaceOrder reserves stock. */
export interface PlacementAttempt {
  readonly scope: string;
  readonly key: string;
  readonly customerId: string;
  /**
   * Set for a partner: the customer counts as known only if it belongs to this brand — the
   * brand's partners created it or it has an order of the brand (`domain/customer-access.ts`).
   */
  readonly customerOfBrand?: string;
  readonly orderId: string;
  /** A fresh id: the epoch of the row when this attempt opens it. */
  readonly attemptId: string;
  /** The attempt's deadline (real time). */
  readonly deadline: Date;
}

/**
 * One round trip before PlaceOrder calls Inventory: whether the key was already answered and
 * whether the customer exists (for a partner: belongs to its brand), and — when neither stops
 * the attempt — the attempt's registration in `placements`: it opens the order id's row, or
 * joins the open row of earlier attempts with the key (extending its deadline to the latest). A row that is settled or being released is not
 * joined: no attempt of it can commit any more.
 */
export async function beginPlacement(db: Kysely<OrdersDatabase>, attempt: PlacementAttempt): Promise<PlacementStart> {
  const result = await sql<{ answered: boolean; customer_exists: boolean; epoch: string | null }>`
    with answered as (
      select exists (
        select 1 from ${table("idempotency")}
        where scope = ${attempt.scope} and key = ${attempt.key} and (response is not null or refusal is not null)
      ) as answered
    ), customer as (
      select exists (
        select 1 from ${table("customers")} as customers
        where customer_id = ${attempt.customerId}::uuid
          and ${attempt.customerOfBrand === undefined ? sql`true` : belongsToBrand(attempt.customerOfBrand)}
      ) as customer_exists
    ), registered as (
      insert into ${table("placements")} as p (order_id, epoch, attempts, deadline, state)
      select ${attempt.orderId}::uuid, ${attempt.attemptId}::uuid, 1, ${attempt.deadline}::timestamptz, 'open'
      from answered, customer
      where not answered.answered and customer.customer_exists
      on conflict (order_id) do update set attempts = p.attempts + 1, deadline = greatest(p.deadline, excluded.deadline)
      where p.state = 'open'
      returning p.epoch
    )
    select answered.answered, customer.customer_exists, (select epoch from registered) as epoch
    from answered, customer
  `.execute(db);
  const row = result.rows[0];
  return {
    answered: Boolean(row?.answered),
    customerExists: Boolean(row?.customer_exists),
    epoch: row?.epoch ?? undefined,
  };
}

/** Forgets a stored answer, so the key answers again (an order cancelled because its hold expired). */
export async function forgetAnswer(trx: Kysely<OrdersDatabase>, scope: string, key: string): Promise<void> {
  await trx.deleteFrom("idempotency").where("scope", "=", scope).where("key", "=", key).execute();
}
