import { type Kysely, sql } from "kysely";
import type { OrdersDatabase } from "./orders-database.js";

const table = (name: string) => sql.table(`orders.${name}`);

/** A placement the sweeper has fenced: no attempt of it can commit any more. */
export interface FencedPlacement {
  readonly orderId: string;
  /** The order exists (its hold must never be released here). */
  readonly recorded: boolean;
}

/** Deletes up to `limit` settled placements whose deadline is before `cutoff`; returns how many. */
export async function deleteSettledPlacements(
  db: Kysely<OrdersDatabase>,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const result = await sql`
    delete from ${table("placements")} where order_id in (
      select order_id from ${table("placements")}
      where state = 'settled' and deadline < ${cutoff}::timestamptz
      order by deadline limit ${limit} for update skip locked
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Fences up to `limit` placements whose deadline is before `cutoff` and that may leave a hold
 * behind (open: every attempt has given up; refused: an attempt may hold stock; releasing: a
 * sweeper that claimed it died), in ONE statement: each becomes `releasing` with `leaseUntil` as
 * its deadline, so that no attempt can record its order or join it any more and another sweeper
 * retries it only after the lease. Rows locked by an attempt committing right now are skipped.
 * Each comes back with whether its order exists.
 */
export async function fenceDuePlacements(
  db: Kysely<OrdersDatabase>,
  cutoff: Date,
  leaseUntil: Date,
  limit: number,
): Promise<FencedPlacement[]> {
  const result = await sql<{ order_id: string; recorded: boolean }>`
    update ${table("placements")} p set state = 'releasing', deadline = ${leaseUntil}::timestamptz
    where p.order_id in (
      select order_id from ${table("placements")}
      where state in ('open', 'refused', 'releasing') and deadline < ${cutoff}::timestamptz
      order by deadline limit ${limit} for update skip locked
    )
    returning p.order_id, exists (select 1 from ${table("orders")} o where o.order_id = p.order_id) as recorded`.execute(
    db,
  );
  return result.rows.map((row) => ({ orderId: row.order_id, recorded: Boolean(row.recorded) }));
}

/** Deletes a fenced placement once its hold is released (or its order found to exist). */
export async function deleteFencedPlacement(db: Kysely<OrdersDatabase>, orderId: string): Promise<void> {
  await db.deleteFrom("placements").where("order_id", "=", orderId).where("state", "=", "releasing").execute();
}
