import { type Migration, sql } from "kysely";

/**
 * `orders.placed_traceparent`: the W3C `traceparent` of the PlaceOrder request that recorded the
 * order, so later changes (kitchen, courier, cancel, return) can link their spans to it. Nullable:
 * orders placed before this column, or without tracing, have none.
 */
export const placementTrace: Migration = {
  async up(db) {
    // Adding a nullable column is instant, but it waits for the table's lock: fail fast instead of
    // queueing every order read behind it.
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("orders").addColumn("placed_traceparent", "text").execute();
  },
  async down(db) {
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("orders").dropColumn("placed_traceparent").execute();
  },
};
