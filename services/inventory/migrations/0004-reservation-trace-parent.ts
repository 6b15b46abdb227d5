import { type Kysely, type Migration, sql } from "kysely";

/**
 * The W3C `traceparent` of the request that held the stock (PlaceOrder's), so the sweeper's
 * release of an expired hold, and the events it publishes, continue the order's trace. Nullable:
 * holds of an older Waybill have none.
 */
export const reservationTraceParent: Migration = {
  async up(db: Kysely<unknown>) {
    // A nullable column is added at once, but waits for the table's lock: fail fast rather than
    // queue every read of the table behind it.
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("reservations").addColumn("trace_parent", "text").execute();
  },
};
