import { type Generated, type Kysely, type Migration, sql } from "kysely";

/**
 * Migration creating `idempotency` in a service's schema: one row per (scope, key) holding a
 * fingerprint of the request and the binary answer, so a retry replays the first answer.
 */
export const idempotencyTableMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("idempotency")
      .addColumn("scope", "text", (col) => col.notNull())
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("request_hash", "text", (col) => col.notNull())
      .addColumn("response", "bytea")
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("idempotency_pk", ["scope", "key"])
      .execute();
  },
};

/** Row shape of the `idempotency` table, for a service's kysely database interface. */
export interface IdempotencyTable {
  readonly scope: string;
  readonly key: string;
  readonly request_hash: string;
  readonly response: Uint8Array | null;
  readonly created_at: Generated<Date>;
}
