import { type Kysely, type Migration, sql } from "kysely";

/**
 * `placements`: one row per order id while PlaceOrder attempts for it may still commit, so that a
 * hold whose order was never recorded is released soon after the placing request's deadline,
 * and so that an attempt given up cannot record its order afterwards (see the README, PlaceOrder).
 */
export const placements: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("placements")
      .addColumn("order_id", "uuid", (col) => col.primaryKey())
      // The attempt that opened the row: later attempts with the key join it until it is settled.
      .addColumn("epoch", "uuid", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull())
      // The latest deadline of the attempts (real time); a claimed row's lease while releasing.
      .addColumn("deadline", "timestamptz(3)", (col) => col.notNull())
      .addColumn("state", "text", (col) =>
        col.notNull().check(sql`state in ('open', 'settled', 'refused', 'releasing')`),
      )
      .execute();
    await db.schema.createIndex("placements_deadline").on("placements").column("deadline").execute();
  },
};
