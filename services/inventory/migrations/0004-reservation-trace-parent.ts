import type { Kysely, Migration } from "kysely";

/**
 * The W3C `traceparent` of the request that held the stock (PlaceOrder's), so the sweeper's
 * release of an expired hold, and the events it publishes, continue the order's trace. Nullable:
 * holds of an older Waybill have none.
 */
export const reservationTraceParent: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("reservations").addColumn("trace_parent", "text").execute();
  },
};
