import { type Migration, sql } from "kysely";

/**
 * `customers.created_by_brand`: the brand whose partner created the customer, so that the partner
 * can read the customer and place its first order (see `domain/customer-access.ts`). Nullable:
 * customers created by themselves, an operator or a service, and those created before this
 * column, belong to no brand.
 */
export const customerBrand: Migration = {
  async up(db) {
    // Adding a nullable column is instant, but it waits for the table's lock: fail fast instead of
    // queueing every customer read behind it.
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("customers").addColumn("created_by_brand", "text").execute();
  },
  async down(db) {
    await sql`set local lock_timeout = '3s'`.execute(db);
    await db.schema.alterTable("customers").dropColumn("created_by_brand").execute();
  },
};
