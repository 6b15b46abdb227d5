import { type Kysely, type Migration, sql } from "kysely";

/**
 * Reservations (stock held for orders), stock snapshots (every N ledger entries of an item), the
 * keys of returns already put back on hand, and the indexes behind sorted item lists.
 *
 * Times that serve as keys (item creation for sorted pages, ledger and snapshot times for as-of
 * reads) are stored to the millisecond, the precision of a protobuf timestamp read through a
 * JavaScript `Date`, so a time a client got back compares exactly with the stored one.
 */
export const reservationsAndSnapshots: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table items alter column created_at type timestamptz(3)`.execute(db);
    await sql`alter table ledger alter column created_at type timestamptz(3)`.execute(db);
    await db.schema.createIndex("items_by_name").on("items").columns(["brand_id", "name", "sku"]).execute();
    await db.schema.createIndex("items_by_created").on("items").columns(["brand_id", "created_at", "sku"]).execute();

    await db.schema
      .createTable("stock_snapshots")
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("sku", "text", (col) => col.notNull())
      .addColumn("sequence", "bigint", (col) => col.notNull())
      .addColumn("on_hand", "bigint", (col) => col.notNull())
      .addColumn("reserved", "bigint", (col) => col.notNull())
      .addColumn("created_at", "timestamptz(3)", (col) => col.notNull())
      .addPrimaryKeyConstraint("stock_snapshots_pk", ["brand_id", "sku", "sequence"])
      .addForeignKeyConstraint("stock_snapshots_item_fk", ["brand_id", "sku"], "items", ["brand_id", "sku"])
      .execute();
    await db.schema
      .createIndex("stock_snapshots_time")
      .on("stock_snapshots")
      .columns(["brand_id", "sku", "created_at"])
      .execute();

    await db.schema
      .createTable("reservations")
      .addColumn("order_id", "uuid", (col) => col.primaryKey())
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) =>
        col.notNull().check(sql`status in ('held', 'confirmed', 'released', 'committed')`),
      )
      // [{ sku, quantity, currency_code, unit_price_minor }] by SKU: written once, never changed.
      .addColumn("lines", "jsonb", (col) => col.notNull())
      // Set while HELD only: the sweeper releases holds past it.
      .addColumn("expire_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex("reservations_expiring")
      .on("reservations")
      .column("expire_at")
      .where(sql.ref("status"), "=", "held")
      .execute();

    // Returns already applied, so a replayed event (or the same return by RPC and event) counts once.
    await db.schema
      .createTable("stock_returns")
      .addColumn("order_id", "uuid", (col) => col.notNull())
      .addColumn("return_key", "text", (col) => col.notNull())
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("stock_returns_pk", ["order_id", "return_key"])
      .execute();
  },
};
