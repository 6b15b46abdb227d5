import { type Kysely, type Migration, sql } from "kysely";

const statuses = sql.raw(
  ["placed", "preparing", "ready_for_dispatch", "dispatched", "en_route", "delivered", "cancelled", "returned"]
    .map((s) => `'${s}'`)
    .join(", "),
);

/**
 * Customers, orders with their lines, and the status log. Times are written by the service (one
 * clock for an order's row, its answer and its events); sequences of the log come from the
 * order's `status_sequence`, which every transition bumps under the order's row lock.
 */
export const customersAndOrders: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("customers")
      .addColumn("customer_id", "uuid", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("phone", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("customers_email_unique")
      .on("customers")
      .expression(sql`lower(email)`)
      .unique()
      .execute();

    await db.schema
      .createTable("orders")
      .addColumn("order_id", "uuid", (col) => col.primaryKey())
      .addColumn("brand_id", "text", (col) => col.notNull())
      // No foreign key to customers: PlaceOrder checks the customer, and a key lock per order
      // would serialize a busy customer's orders on one row.
      .addColumn("customer_id", "uuid", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull().check(sql`status in (${statuses})`))
      .addColumn("status_sequence", "integer", (col) => col.notNull())
      .addColumn("delivery_zone", "text", (col) => col.notNull())
      .addColumn("delivery_address", "jsonb", (col) => col.notNull())
      .addColumn("campaign_code", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("currency_code", "char(3)", (col) => col.notNull())
      .addColumn("total_minor", "bigint", (col) => col.notNull())
      .addColumn("total_units", "bigint", (col) => col.notNull().check(sql`total_units > 0`))
      .addColumn("returned_minor", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("cancel_reason", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .execute();
    // Keyset pages of ListOrders: per brand, per customer and over all, newest first by default.
    await db.schema
      .createIndex("orders_brand_created")
      .on("orders")
      .columns(["brand_id", "created_at", "order_id"])
      .execute();
    await db.schema
      .createIndex("orders_customer_created")
      .on("orders")
      .columns(["customer_id", "created_at", "order_id"])
      .execute();
    await db.schema.createIndex("orders_created").on("orders").columns(["created_at", "order_id"]).execute();

    await db.schema
      .createTable("order_lines")
      .addColumn("order_id", "uuid", (col) => col.notNull().references("orders.order_id"))
      .addColumn("line_number", "integer", (col) => col.notNull().check(sql`line_number >= 1`))
      .addColumn("sku", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("quantity", "bigint", (col) => col.notNull().check(sql`quantity > 0`))
      .addColumn("unit_price_minor", "bigint", (col) => col.notNull())
      .addColumn("returned_quantity", "bigint", (col) => col.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("order_lines_pk", ["order_id", "line_number"])
      // However the code goes wrong, more units than were ordered never come back.
      .addCheckConstraint("order_lines_returned_range", sql`returned_quantity between 0 and quantity`)
      .execute();

    await db.schema
      .createTable("order_status_log")
      .addColumn("order_id", "uuid", (col) => col.notNull().references("orders.order_id"))
      .addColumn("sequence", "integer", (col) => col.notNull().check(sql`sequence >= 1`))
      // Empty for the placement.
      .addColumn("from_status", "text", (col) => col.notNull())
      .addColumn("to_status", "text", (col) => col.notNull().check(sql`to_status in (${statuses})`))
      .addColumn("actor", "text", (col) => col.notNull())
      .addColumn("actor_role", "text", (col) => col.notNull())
      .addColumn("reason", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("changed_at", "timestamptz", (col) => col.notNull())
      .addPrimaryKeyConstraint("order_status_log_pk", ["order_id", "sequence"])
      .execute();
  },
};
