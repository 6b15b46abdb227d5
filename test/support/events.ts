import type { Registry } from "@bufbuild/protobuf";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import { type Kysely, sql } from "kysely";
import { createEventRegistry } from "../../services/kit/app/event-registry.js";
import { eventTables } from "../../services/kit/events/event-tables.js";
import {
  type ConsumedEvent,
  connectNats,
  decodeEvent,
  domainStreamName,
  eventSubject,
} from "../../services/kit/events/index.js";
import type { IsolatedEnvironment } from "./isolated-environment.js";
import { schemaSql } from "./schema-sql.js";
import { createTestLogger } from "./test-logger.js";
import { waitFor } from "./wait-for.js";

let registry: Registry | undefined;

/** Every service's event types; the services are loaded on first use only (kit tests never need them). */
async function eventRegistry(): Promise<Registry> {
  if (!registry) {
    const { serviceDefinitions } = await import("../../services/definitions.js");
    registry = createEventRegistry(serviceDefinitions.map((definition) => definition.events));
  }
  return registry;
}

async function withJetStream<T>(env: IsolatedEnvironment, use: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connectNats({ url: env.natsUrl, name: "test-events", logger: createTestLogger() });
  try {
    return await use(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

/**
 * The events of a domain's stream (only those named `name`, e.g. `CustomerCreated`, when given),
 * decoded, in stream order.
 *
 * @example
 * const placed = await streamEvents(waybill.env, "orders", "OrderPlaced");
 */
export async function streamEvents(env: IsolatedEnvironment, domain: string, name?: string): Promise<ConsumedEvent[]> {
  const types = await eventRegistry();
  return withJetStream(env, async (jsm) => {
    const stream = domainStreamName(env.prefix, domain);
    const subject = name ? eventSubject(env.prefix, domain, name) : undefined;
    const info = await jsm.streams.info(stream);
    const events: ConsumedEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (message && (subject === undefined || message.subject === subject))
        events.push(decodeEvent(message.data, message.subject, types));
    }
    return events;
  });
}

/**
 * Where each event of a domain stands in its stream (event id → position), to put what the events
 * caused in the order they happened, whichever consumer or replica handled each.
 *
 * @example
 * const position = await streamPositions(env, "inventory");
 * emails.sort((a, b) => position.get(a.eventId)! - position.get(b.eventId)!);
 */
export async function streamPositions(env: IsolatedEnvironment, domain: string): Promise<Map<string, number>> {
  return new Map((await streamEvents(env, domain)).map((event, position) => [event.id, position]));
}

/**
 * Aggregate ids of the events of one type in a service's outbox (`waybill.<domain>.v1.<name>`),
 * in the order they were appended. Rows are written in the change's transaction, so they are
 * there as soon as the RPC that made them has answered.
 *
 * @example
 * const assigned = await outboxAggregateIds(h.sql, "fleet", "OrderAssigned");
 */
export async function outboxAggregateIds<DB>(db: Kysely<DB>, domain: string, name: string): Promise<string[]> {
  const rows = await eventTables(db, domain)
    .selectFrom("outbox")
    .select("aggregate_id")
    .where("event_type", "=", `waybill.${domain}.v1.${name}`)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.aggregate_id);
}

/** Per service schema (all, or those named): the last outbox sequence and how many rows wait for the relay. */
async function outboxState(
  db: Kysely<unknown>,
  only?: ReadonlySet<string>,
): Promise<Record<string, { last: number; unpublished: number }>> {
  const schemas = await sql<{ schema: string }>`
    select table_schema as schema from information_schema.tables where table_name = 'outbox' order by 1`.execute(db);
  const state: Record<string, { last: number; unpublished: number }> = {};
  for (const { schema } of schemas.rows) {
    if (only && !only.has(schema)) continue;
    const { rows } = await sql<{ last: string; unpublished: string }>`
      select coalesce(max(seq), 0) as last, count(*) filter (where published_at is null) as unpublished
      from ${sql.table(`${schema}.outbox`)}`.execute(db);
    state[schema] = { last: Number(rows[0]?.last), unpublished: Number(rows[0]?.unpublished) };
  }
  return state;
}

/**
 * The durable consumers of the environment's streams: the domains whose events someone consumes,
 * and the consumers that have messages not yet handled and acknowledged.
 */
async function durableConsumers(
  jsm: JetStreamManager,
  prefix: string,
): Promise<{ readonly domains: Set<string>; readonly busy: string[] }> {
  const domains = new Set<string>();
  const busy: string[] = [];
  const streamPrefix = `${prefix.toUpperCase()}_`;
  for await (const stream of jsm.streams.names()) {
    if (!stream.startsWith(streamPrefix)) continue;
    for await (const consumer of jsm.consumers.list(stream)) {
      if (!consumer.config.durable_name) continue; // the Watch feeds' ordered consumers
      domains.add(stream.slice(streamPrefix.length).toLowerCase());
      if (consumer.num_pending > 0 || consumer.num_ack_pending > 0)
        busy.push(`${stream}/${consumer.name}: ${consumer.num_pending} pending, ${consumer.num_ack_pending} unacked`);
    }
  }
  return { domains, busy };
}

/**
 * Waits until every service's outbox has been published to its stream.
 *
 * @example
 * await outboxPublished(waybill.env);
 */
export async function outboxPublished(env: IsolatedEnvironment): Promise<void> {
  const db = schemaSql<unknown>(env.databaseUrl, "public");
  try {
    const state = await waitFor(
      () => outboxState(db),
      (outboxes) => Object.values(outboxes).every((outbox) => outbox.unpublished === 0),
    );
    const waiting = Object.entries(state).filter(([, outbox]) => outbox.unpublished > 0);
    if (waiting.length > 0)
      throw new Error(`outbox rows never published: ${JSON.stringify(Object.fromEntries(waiting))}`);
  } finally {
    await db.destroy();
  }
}

/**
 * Waits until the events settle: every event written so far to a stream that some service
 * consumes is published, and every durable consumer of the environment's streams has handled and
 * acknowledged every event it takes, including those its handlers wrote meanwhile (those outboxes
 * are read before and after the consumers, and must not have grown). After it, whatever an event
 * would do has been done: a test can assert that something did NOT happen. (Streams nobody
 * consumes, such as Notifications' own events, may still be written to.)
 *
 * @example
 * await eventsSettled(harness.env);
 * expect(await deliveriesOf(otherBrandsWebhook)).toEqual([]);
 */
export async function eventsSettled(env: IsolatedEnvironment): Promise<void> {
  const db = schemaSql<unknown>(env.databaseUrl, "public");
  try {
    await withJetStream(env, async (jsm) => {
      const check = async () => {
        const { domains } = await durableConsumers(jsm, env.prefix);
        const before = await outboxState(db, domains);
        const unpublished = Object.entries(before).filter(([, outbox]) => outbox.unpublished > 0);
        if (unpublished.length > 0)
          return `unpublished outbox rows: ${JSON.stringify(Object.fromEntries(unpublished))}`;
        const { busy } = await durableConsumers(jsm, env.prefix);
        if (busy.length > 0) return `consumers still working: ${busy.join("; ")}`;
        const after = await outboxState(db, domains);
        return JSON.stringify(after) === JSON.stringify(before) ? "" : "new events appended meanwhile";
      };
      const last = await waitFor(check, (problem) => problem === "");
      if (last !== "") throw new Error(`events never settled: ${last}`);
    });
  } finally {
    await db.destroy();
  }
}

/**
 * The events named `name` (of one aggregate, when given) that a domain has written so far, read
 * from its stream in order once every outbox has been published: so none is still on its way.
 *
 * @example
 * expect(await publishedEvents(harness.env, "orders", "OrderCancelled", orderId)).toHaveLength(1);
 */
export async function publishedEvents(
  env: IsolatedEnvironment,
  domain: string,
  name: string,
  aggregateId?: string,
): Promise<ConsumedEvent[]> {
  await outboxPublished(env);
  const events = await streamEvents(env, domain, name);
  return aggregateId === undefined ? events : events.filter((event) => event.aggregateId === aggregateId);
}
