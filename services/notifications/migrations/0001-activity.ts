import { type Kysely, type Migration, sql } from "kysely";

/** The activity feed. One row per event: the unique event id makes a replay harmless. */
export const activity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("activity")
      .addColumn("sequence", "bigserial", (col) => col.primaryKey())
      .addColumn("event_id", "uuid", (col) => col.notNull().unique())
      .addColumn("event_type", "text", (col) => col.notNull())
      .addColumn("aggregate_id", "text", (col) => col.notNull())
      .addColumn("brand_id", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("customer_id", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("order_id", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("summary", "text", (col) => col.notNull())
      .addColumn("event_time", "timestamptz", (col) => col.notNull())
      .addColumn("recorded_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex("activity_brand").on("activity").columns(["brand_id", "sequence"]).execute();
    await db.schema.createIndex("activity_customer").on("activity").columns(["customer_id", "sequence"]).execute();
  },
};
