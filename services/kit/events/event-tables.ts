import type { ColumnType, Generated, Kysely, Migration, QueryCreator } from "kysely";
import { sql } from "kysely";
import type { AnyDatabase } from "../database/index.js";

/** Row of `outbox`: one event waiting for (or done with) publication. */
export interface OutboxTable {
  /** The event id (also the envelope id and the `Nats-Msg-Id`). */
  readonly id: string;
  /** Commit-independent order of appends; the relay publishes in this order. */
  readonly seq: Generated<number>;
  readonly subject: string;
  /** Fully-qualified protobuf type of the payload. */
  readonly event_type: string;
  readonly aggregate_id: string;
  /** The binary `waybill.common.v1.EventEnvelope`. */
  readonly payload: Uint8Array;
  /** NATS headers to publish with (trace context, event type). */
  readonly headers: ColumnType<Record<string, string>, string, string>;
  readonly created_at: ColumnType<Date, never, never>;
  readonly published_at: ColumnType<Date | null, never, Date | string>;
  /** End of the current relay's lease on the row (database clock); null when nobody holds it. */
  readonly claimed_until: ColumnType<Date | null, never, Date | string | null>;
  /** Token of the relay batch holding (or last holding) the row; only that batch may mark it. */
  readonly claim_token: ColumnType<string | null, never, string | null>;
  /** When the row was first claimed for publishing: no copy can be in the stream from before. */
  readonly first_attempt_at: ColumnType<Date | null, never, Date | string>;
  /** How many times a relay has claimed the row. */
  readonly attempts: ColumnType<number, never, number>;
}

/** Row of `inbox`: an event a consumer has processed (its handler's transaction committed). */
export interface InboxTable {
  readonly consumer: string;
  readonly event_id: string;
  readonly processed_at: ColumnType<Date, never, never>;
}

/** The kit's tables inside a service schema. */
export interface EventTables {
  readonly outbox: OutboxTable;
  readonly inbox: InboxTable;
}

/**
 * Query creator for the event tables of `schema`, over any Kysely instance or transaction
 * (services type their own tables; these two belong to the kit).
 */
export function eventTables(db: AnyDatabase, schema: string): QueryCreator<EventTables> {
  // Every service schema holds these tables (the app adds their migration).
  const tables: Kysely<EventTables> = db;
  return tables.withSchema(schema);
}

/**
 * Migration creating `outbox` and `inbox`. The app runs it (and {@link outboxClaimsMigration}
 * after it) in every service schema; {@link migrateSchema} runs it with the service schema as
 * `search_path`.
 *
 * @example
 * await migrateSchema({ db, schema: "orders", logger, migrations: {
 *   "0000_event_tables": eventTablesMigration, "0000_outbox_claims": outboxClaimsMigration, ...ordersMigrations } });
 */
export const eventTablesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("outbox")
      .addColumn("id", "uuid", (col) => col.primaryKey())
      .addColumn("seq", "bigserial", (col) => col.notNull().unique())
      .addColumn("subject", "text", (col) => col.notNull())
      .addColumn("event_type", "text", (col) => col.notNull())
      .addColumn("aggregate_id", "text", (col) => col.notNull())
      .addColumn("payload", "bytea", (col) => col.notNull())
      .addColumn("headers", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn("published_at", "timestamptz")
      .execute();
    // The relay only ever scans unpublished rows; keep that scan small however large the table.
    await db.schema
      .createIndex("outbox_unpublished_idx")
      .on("outbox")
      .column("seq")
      .where(sql.ref("published_at"), "is", null)
      .execute();
    await db.schema
      .createTable("inbox")
      .addColumn("consumer", "text", (col) => col.notNull())
      .addColumn("event_id", "uuid", (col) => col.notNull())
      .addColumn("processed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("inbox_pkey", ["consumer", "event_id"])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("inbox").execute();
    await db.schema.dropTable("outbox").execute();
  },
};

/**
 * Migration adding the relay's lease to `outbox` (`claimed_until`, `claim_token`,
 * `first_attempt_at`, `attempts`), so a relay claims rows in one short statement and publishes
 * outside any transaction (see {@link createOutboxRelay}). Runs after {@link eventTablesMigration},
 * also on schemas created before it existed.
 */
export const outboxClaimsMigration: Migration = {
  async up(db) {
    await db.schema
      .alterTable("outbox")
      .addColumn("claimed_until", "timestamptz")
      .addColumn("claim_token", "uuid")
      .addColumn("first_attempt_at", "timestamptz")
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .execute();
  },
  async down(db) {
    await db.schema
      .alterTable("outbox")
      .dropColumn("attempts")
      .dropColumn("first_attempt_at")
      .dropColumn("claim_token")
      .dropColumn("claimed_until")
      .execute();
  },
};

/**
 * Migration indexing `inbox` by `processed_at`, so expired rows are found without reading the
 * whole table (see `deleteExpiredInboxRows`).
 */
export const inboxRetentionMigration: Migration = {
  async up(db) {
    await db.schema.createIndex("inbox_processed_at_idx").on("inbox").column("processed_at").execute();
  },
  async down(db) {
    await db.schema.dropIndex("inbox_processed_at_idx").execute();
  },
};
