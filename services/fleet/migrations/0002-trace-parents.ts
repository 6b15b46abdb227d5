import { type Kysely, type Migration, sql } from "kysely";

/**
 * The W3C `traceparent` of the work that set off what waits: on an assignment, the span its next
 * step continues (the order's acceptance, its assignment, the previous flight step); on a courier
 * flying back, the delivery it flies back from. Nullable: rows of an older Waybill have none, and
 * their next step simply starts from the clock's context.
 */
export const traceParents: Migration = {
  async up(db: Kysely<unknown>) {
    // A nullable column is added at once, but waits for the table's lock: fail fast rather than
    // queue every read of the table behind it.
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("assignments").addColumn("trace_parent", "text").execute();
    await db.schema.alterTable("couriers").addColumn("return_trace_parent", "text").execute();
  },
};
