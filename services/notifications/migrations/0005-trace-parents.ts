import { type Kysely, type Migration, sql } from "kysely";

/**
 * The W3C `traceparent` of the event's processing that planned a notification, so each send
 * continues the trace of the event (and of the order) that called for it. Nullable: notifications
 * of an older Waybill have none, and their sends start traces of their own.
 */
export const traceParents: Migration = {
  async up(db: Kysely<unknown>) {
    // A nullable column is added at once, but waits for the table's lock: fail fast rather than
    // queue every read of the table behind it.
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("notifications").addColumn("trace_parent", "text").execute();
  },
};
