import { type Migration, sql } from "kysely";

/**
 * `api_keys`: issued keys by id. The index serves ListApiKeys (a brand's keys, newest first) and
 * its keyset pages; verification reads by primary key.
 */
export const apiKeysTable: Migration = {
  async up(db) {
    await db.schema
      .createTable("api_keys")
      .addColumn("key_id", "text", (c) => c.primaryKey())
      .addColumn("secret_sha256", "bytea", (c) => c.notNull().check(sql`length(secret_sha256) = 32`))
      .addColumn("brand_id", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('partner', 'brand')`))
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "timestamptz", (c) => c.notNull())
      .addColumn("expires_at", "timestamptz")
      .addColumn("revoked_at", "timestamptz")
      .addColumn("last_used_at", "timestamptz")
      .execute();
    await db.schema
      .createIndex("api_keys_by_brand")
      .on("api_keys")
      .columns(["brand_id", "created_at desc", "key_id desc"])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("api_keys").execute();
  },
};
