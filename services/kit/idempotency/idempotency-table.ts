import { type ColumnType, type Generated, type Kysely, type Migration, sql } from "kysely";
import type { StoredRefusal } from "./stored-refusal.js";

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

/**
 * Migration adding `refusal` to `idempotency`: a definitive refusal (code, message, details) stored
 * under the key like an answer, so a retry gets the same refusal and a late duplicate of the
 * request cannot turn it into a success. A row holds a response or a refusal, never both.
 */
export const idempotencyRefusalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("idempotency").addColumn("refusal", "jsonb").execute();
  },
};

/**
 * Migration indexing `idempotency` by `created_at`, so expired keys are found without reading
 * the whole table (see `deleteExpiredKeys`).
 */
export const idempotencyRetentionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("idempotency_created_at_idx").on("idempotency").column("created_at").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("idempotency_created_at_idx").execute();
  },
};

/** Row shape of the `idempotency` table, for a service's kysely database interface. */
export interface IdempotencyTable {
  readonly scope: string;
  readonly key: string;
  readonly request_hash: string;
  /** The answer; `null` while the claiming transaction runs, and for a stored refusal. */
  readonly response: Uint8Array | null;
  /** A stored refusal (JSON text when written). */
  readonly refusal: ColumnType<StoredRefusal | null, string | null | undefined, string | null>;
  readonly created_at: Generated<Date>;
}
