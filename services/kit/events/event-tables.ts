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
 * Migration creating `outbox` and `inbox`. Every service includes it in its own migration list;
 * {@link migrateSchema} runs it with the service schema as `search_path`.
 *
 * @example
 * await migrateSchema({ db, schema: "orders", logger, migrations: {
 *   "0000_event_tables": eventTablesMigration, ...ordersMigrations } });
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
