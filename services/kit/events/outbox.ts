import type { DescMessage } from "@bufbuild/protobuf";
import type { Insertable, Kysely } from "kysely";
import { sql } from "kysely";
import { assertSchemaName } from "../database/index.js";
import { injectTraceContext } from "../telemetry/trace-context.js";
import type { EventInput } from "./envelope.js";
import { buildEnvelope, encodeEnvelope } from "./envelope.js";
import { EventHeaders } from "./event-headers.js";
import { eventTables, type OutboxTable } from "./event-tables.js";
import type { EventDomain } from "./naming.js";
import { assertEventPrefix, eventSubject, outboxChannel } from "./naming.js";

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  /** Schema holding this service's `outbox` table. */
  readonly schema: string;
  /** Event prefix (`EVENT_PREFIX`), e.g. `waybill`. */
  readonly prefix: string;
  /** Domain the service publishes under. */
  readonly domain: EventDomain;
}

/** An outbox row as a service writes it (the relay fills in the rest). */
export type OutboxRow = Insertable<OutboxTable>;

/** Writes events into the outbox as part of the caller's transaction. */
export interface Outbox {
  /**
   * Appends one event in `trx` and returns its id. The row and the relay's wake-up
   * (`pg_notify`) only become visible when `trx` commits; a rollback discards both.
   */
  append<Desc extends DescMessage>(trx: Kysely<any>, event: EventInput<Desc>): Promise<string>;
  /** Appends several events with one statement (rows and wake-up); returns their ids in order. */
  appendAll(trx: Kysely<any>, events: readonly EventInput<DescMessage>[]): Promise<string[]>;
  /**
   * The rows of events, for a caller that inserts them within a statement of its own. That
   * statement must also `select pg_notify(channel, '')` to wake the relay.
   */
  rows(events: readonly EventInput<DescMessage>[]): OutboxRow[];
  /** The NOTIFY channel the relay of this schema listens on. */
  readonly channel: string;
}

/**
 * Creates the outbox writer of a service. The event is wrapped in an `EventEnvelope` carrying the
 * active OpenTelemetry trace context, so consumers continue the request's trace.
 *
 * @example
 * const outbox = createOutbox({ schema: "inventory", prefix: "waybill", domain: "inventory" });
 * await db.transaction().execute(async (trx) => {
 *   await trx.withSchema("inventory").updateTable("levels")...execute();
 *   await outbox.append(trx, { schema: StockLowSchema, payload, aggregateId: sku, tenant: brandId });
 * });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { schema, prefix, domain } = options;
  assertSchemaName(schema);
  assertEventPrefix(prefix);
  const channel = outboxChannel(schema);
  const rows = (events: readonly EventInput<DescMessage>[]): OutboxRow[] => {
    const traceContext = injectTraceContext();
    return events.map((event) => {
      const envelope = buildEnvelope(event, traceContext);
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
  const appendAll = async (trx: Kysely<any>, events: readonly EventInput<DescMessage>[]): Promise<string[]> => {
    // Outside a transaction an event could be published for a change that then fails.
    if (!trx.isTransaction) throw new Error("outbox.append must run inside the state change's transaction");
    if (events.length === 0) return [];
    const values = rows(events);
    // Delivered on commit only; identical notifications in one transaction collapse into one.
    await eventTables(trx, schema)
      .with("appended", (db) => db.insertInto("outbox").values(values).returning("id"))
      .selectNoFrom(sql<string>`pg_notify(${channel}, '')`.as("notified"))
      .execute();
    return values.map((row) => row.id);
  };
  return {
    channel,
    rows,
    appendAll,
    async append(trx, event) {
      const [id] = await appendAll(trx, [event]);
      return id!;
    },
  };
}
