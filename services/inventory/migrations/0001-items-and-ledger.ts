import { type Kysely, type Migration, sql } from "kysely";

/** Items, their stock levels (the projection) and the append-only ledger. */
export const itemsAndLedger: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("items")
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("sku", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("currency_code", "char(3)", (col) => col.notNull())
      .addColumn("unit_price_minor", "bigint", (col) => col.notNull().check(sql`unit_price_minor >= 0`))
      .addColumn("low_stock_threshold", "bigint", (col) => col.notNull().check(sql`low_stock_threshold >= 0`))
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("items_pk", ["brand_id", "sku"])
      .execute();
    await db.schema
      .createTable("stock_levels")
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("sku", "text", (col) => col.notNull())
      .addColumn("on_hand", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("reserved", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("ledger_sequence", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("low_alerted", "boolean", (col) => col.notNull().defaultTo(false))
      .addColumn("out_alerted", "boolean", (col) => col.notNull().defaultTo(false))
      .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("stock_levels_pk", ["brand_id", "sku"])
      .addForeignKeyConstraint("stock_levels_item_fk", ["brand_id", "sku"], "items", ["brand_id", "sku"])
      // The database itself refuses overselling, whatever the code above it does.
      .addCheckConstraint("stock_levels_available_non_negative", sql`on_hand - reserved >= 0`)
      .addCheckConstraint("stock_levels_reserved_non_negative", sql`reserved >= 0`)
      .execute();
    await db.schema
      .createTable("ledger")
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("sku", "text", (col) => col.notNull())
      .addColumn("sequence", "bigint", (col) => col.notNull())
      .addColumn("delta_on_hand", "bigint", (col) => col.notNull())
      .addColumn("delta_reserved", "bigint", (col) => col.notNull())
      .addColumn("reason", "text", (col) => col.notNull())
      .addColumn("reference", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("actor", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("idempotency_key", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`clock_timestamp()`))
      .addPrimaryKeyConstraint("ledger_pk", ["brand_id", "sku", "sequence"])
      .addForeignKeyConstraint("ledger_item_fk", ["brand_id", "sku"], "items", ["brand_id", "sku"])
      .execute();
    await db.schema.createIndex("ledger_created_at").on("ledger").columns(["brand_id", "sku", "created_at"]).execute();
  },
};
