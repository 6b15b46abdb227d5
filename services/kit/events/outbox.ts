import type { DescMessage } from "@bufbuild/protobuf";
import type { Insertable, RawBuilder } from "kysely";
import { sql } from "kysely";
import { type AnyDatabase, assertSchemaName } from "../database/index.js";
import { injectTraceContext } from "../telemetry/trace-context.js";
import type { EventInput } from "./envelope.js";
import { buildEnvelope, encodeEnvelope } from "./envelope.js";
import { EventHeaders } from "./event-headers.js";
import { eventTables, type OutboxTable } from "./event-tables.js";
import type { EventDomain } from "./naming.js";
import { assertEventPrefix, eventSubject, outboxChannel } from "./naming.js";
import { outboxWakeupSql } from "./outbox-wakeup.js";

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  /** Schema holding this service's `outbox` table. */
  readonly schema: string;
  /** Event prefix (`EVENT_PREFIX`), e.g. `waybill`. */
  readonly prefix: string;
  /** Domain the service publishes under. */
  readonly domain: EventDomain;
  /** The clock of the events' times (default: the system clock); the service's own `now`. */
  readonly now?: () => Date;
}

/** An outbox row as a service writes it (the relay fills in the rest). */
export type OutboxRow = Insertable<OutboxTable>;

/** Writes events into the outbox as part of the caller's transaction or statement. */
export interface Outbox {
  /**
   * Appends events in `trx` with one statement and returns their ids in order. The rows and the
   * relay's wake-up (`pg_notify`) only become visible when `trx` commits; a rollback discards both.
   */
  append(trx: AnyDatabase, ...events: readonly EventInput<DescMessage>[]): Promise<string[]>;
  /**
   * The `insert` of the events' rows, for a hot path that writes them within one statement of its
   * own (a data-modifying CTE); with `onlyIf`, rows are inserted only when that CTE returned a row
   * (e.g. an idempotency key just claimed). The statement must also select {@link Outbox.notify}.
   *
   * @example
   * sql`with claim as (...), events as (${outbox.insert(events, { onlyIf: "claim" })})
   *     select ${outbox.notify} from claim`
   */
  insert(events: readonly EventInput<DescMessage>[], options?: { readonly onlyIf?: string }): RawBuilder<unknown>;
  /**
   * The relay's wake-up: `pg_notify` of its channel, delivered on commit (identical ones collapse
   * into one), sent only while a relay is idle (see {@link outboxWakeupSql}).
   */
  readonly notify: RawBuilder<unknown>;
}

/**
 * Creates the outbox writer of a service. Each event is wrapped in an `EventEnvelope` carrying the
 * active OpenTelemetry trace context, so consumers continue the request's trace.
 *
 * @example
 * const outbox = createOutbox({ schema: "inventory", prefix: "waybill", domain: "inventory" });
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable("stock_levels")...execute();
 *   await outbox.append(trx, { schema: StockLowSchema, payload, aggregateId: sku, tenant: brandId });
 * });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { schema, prefix, domain } = options;
  const now = options.now ?? (() => new Date());
  assertSchemaName(schema);
  assertEventPrefix(prefix);
  const notify = outboxWakeupSql(schema, outboxChannel(schema));
  const table = sql.table(`${schema}.outbox`);

  const rows = (events: readonly EventInput<DescMessage>[]): OutboxRow[] => {
    const traceContext = injectTraceContext();
    return events.map((event) => {
      const envelope = buildEnvelope(event, traceContext, now());
      const headers = { ...traceContext, [EventHeaders.EventType]: envelope.type, [EventHeaders.EventId]: envelope.id };
      return {
        id: envelope.id,
        subject: eventSubject(prefix, domain, event.schema.name),
        event_type: envelope.type,
        aggregate_id: envelope.aggregateId,
        payload: encodeEnvelope(envelope),
        headers: JSON.stringify(headers),
      };
    });
  };

  return {
    notify,
    async append(trx, ...events) {
      // Outside a transaction an event could be published for a change that then fails.
      if (!trx.isTransaction) throw new Error("outbox.append must run inside the state change's transaction");
      if (events.length === 0) return [];
      const values = rows(events);
      await eventTables(trx, schema)
        .with("appended", (db) => db.insertInto("outbox").values(values).returning("id"))
        .selectNoFrom(notify.as("notified"))
        .execute();
      return values.map((row) => row.id);
    },
    insert(events, insertOptions = {}) {
      const values = rows(events);
      const from = insertOptions.onlyIf === undefined ? sql`` : sql`${sql.table(insertOptions.onlyIf)}, `;
      return sql`insert into ${table} (id, subject, event_type, aggregate_id, payload, headers)
        select e.id, e.subject, e.event_type, e.aggregate_id, e.payload, e.headers
        from ${from}unnest(${values.map((row) => row.id)}::uuid[], ${values.map((row) => row.subject)}::text[],
          ${values.map((row) => row.event_type)}::text[], ${values.map((row) => row.aggregate_id)}::text[],
          ${values.map((row) => Buffer.from(row.payload))}::bytea[], ${values.map((row) => row.headers)}::jsonb[])
          as e(id, subject, event_type, aggregate_id, payload, headers)`;
    },
  };
}
