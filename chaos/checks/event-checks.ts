import { listDeadLetters } from "../../services/kit/events/list-dead-letters.js";
import { domainStreamName } from "../../services/kit/events/naming.js";
import { outboxSchemas } from "../settle.js";
import { readStreamMessages, type StreamMessage } from "../stream-reader.js";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

/** Each service schema's stream, read whole: the schema is the domain. */
async function streamsBySchema(ctx: CheckContext): Promise<Map<string, StreamMessage[]>> {
  const streams = new Map<string, StreamMessage[]>();
  for (const schema of await outboxSchemas(ctx.db))
    streams.set(schema, await readStreamMessages(ctx.jsm, domainStreamName(ctx.prefix, schema)));
  return streams;
}

/** Ids seen more than once, with the sequences they were seen at. */
function repeats(messages: readonly StreamMessage[], id: (message: StreamMessage) => string): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const message of messages) seen.set(id(message), [...(seen.get(id(message)) ?? []), message.seq]);
  return new Map([...seen].filter(([, seqs]) => seqs.length > 1));
}

/**
 * The domain streams hold each event once (by `Nats-Msg-Id` and by event id), and every outbox
 * row is published and in its stream exactly once; nothing is in a stream that no outbox wrote.
 */
export async function streamsMatchOutboxes(ctx: CheckContext): Promise<CheckResult[]> {
  const streams = await streamsBySchema(ctx);
  const duplicates: string[] = [];
  const unpublished: string[] = [];
  let messages = 0;
  let rows = 0;
  for (const [schema, stream] of streams) {
    messages += stream.length;
    const name = domainStreamName(ctx.prefix, schema);
    for (const [id, seqs] of repeats(stream, (m) => m.msgId))
      duplicates.push(`${name}: Nats-Msg-Id ${id} ${seqs.length} times (seq ${seqs.join(", ")})`);
    for (const [id, seqs] of repeats(stream, (m) => m.eventId))
      if (!repeats(stream, (m) => m.msgId).has(id))
        duplicates.push(
          `${name}: event ${id} ${seqs.length} times under different message ids (seq ${seqs.join(", ")})`,
        );
    const outbox = await ctx.db.rows<{ id: string; event_type: string; published: boolean }>(
      `select id::text, event_type, published_at is not null as published from ${schema}.outbox`,
    );
    rows += outbox.length;
    const inStream = new Set(stream.map((m) => m.eventId));
    const inOutbox = new Set(outbox.map((row) => row.id));
    for (const row of outbox) {
      if (!row.published) unpublished.push(`${schema}.outbox: ${row.event_type} ${row.id} not published`);
      else if (!inStream.has(row.id))
        unpublished.push(`${schema}.outbox: ${row.event_type} ${row.id} marked published but not in ${name}`);
    }
    for (const message of stream)
      if (!inOutbox.has(message.eventId))
        unpublished.push(`${name}: seq ${message.seq} (${message.subject}, ${message.eventId}) has no outbox row`);
  }
  return [
    verdict("no duplicate events in the streams", `${messages} messages in ${streams.size} streams`, duplicates),
    verdict("every outbox row published, once", `${rows} outbox rows`, unpublished),
  ];
}

/** Nothing in the dead-letter stream: no consumer gave up on an event. */
export async function noDeadLetters(ctx: CheckContext): Promise<CheckResult> {
  const dead = await listDeadLetters({ jsm: ctx.jsm, prefix: ctx.prefix });
  return verdict(
    "no dead letters",
    `${dead.length} dead letters`,
    dead.map(
      (d) =>
        `${d.consumer}: ${d.message?.eventType ?? "?"} ${d.message?.eventId ?? "(gone)"} (${d.stream}#${d.streamSequence}) ${d.reason} after ${d.deliveries} deliveries`,
    ),
  );
}

interface EffectRow {
  readonly event_id: string;
  readonly aggregate_id: string;
  readonly event_type: string;
  readonly effects: number;
}

/**
 * Each consumer's effect once per event: no inbox holds an event twice for one consumer; every
 * CustomerCreated made one welcome email, every OrderPlaced one order email, every order's
 * cancellation one status email, every stock alert one email per recipient; Campaigns attributed
 * every order with the promo code once and no other.
 */
export async function effectsOncePerEvent(ctx: CheckContext, alertRecipients: number): Promise<CheckResult> {
  const evidence: string[] = [];
  let inboxRows = 0;
  for (const schema of await outboxSchemas(ctx.db)) {
    const [row] = await ctx.db.rows<{ rows: number; distinct: number }>(
      `select count(*)::int as rows, count(distinct (consumer, event_id))::int as distinct from ${schema}.inbox`,
    );
    inboxRows += row?.rows ?? 0;
    if (row && row.rows !== row.distinct) evidence.push(`${schema}.inbox: ${row.rows} rows for ${row.distinct} events`);
  }
  const expectations: readonly {
    readonly schema: string;
    readonly type: string;
    readonly template: string;
    readonly per: number;
  }[] = [
    { schema: "orders", type: "waybill.orders.v1.CustomerCreated", template: "welcome", per: 1 },
    { schema: "orders", type: "waybill.orders.v1.OrderPlaced", template: "order_placed", per: 1 },
    { schema: "inventory", type: "waybill.inventory.v1.StockLow", template: "stock_low", per: alertRecipients },
    { schema: "inventory", type: "waybill.inventory.v1.OutOfStock", template: "out_of_stock", per: alertRecipients },
  ];
  let emails = 0;
  for (const { schema, type, template, per } of expectations) {
    const rows = await ctx.db.rows<EffectRow>(
      `select x.id::text as event_id, x.aggregate_id, x.event_type,
         (select count(*) from notifications.notifications n where n.event_id = x.id and n.template = $2)::int as effects
       from ${schema}.outbox x where x.event_type = $1`,
      [type, template],
    );
    for (const row of rows) {
      emails += row.effects;
      if (row.effects !== per)
        evidence.push(
          `${type.split(".").at(-1)} ${row.event_id} (${row.aggregate_id}): ${row.effects} ${template} emails, expected ${per}`,
        );
    }
  }
  // Cancellation emails: one per cancelled order, from its OrderStatusChanged to CANCELLED.
  const cancelled = await ctx.db.rows<{ order_id: string; effects: number }>(
    `select o.order_id::text,
       (select count(*) from notifications.notifications n join orders.outbox x on x.id = n.event_id
         where x.aggregate_id = o.order_id::text and n.template = 'order_status_changed')::int as effects
     from orders.orders o where o.status = 'cancelled'`,
  );
  for (const row of cancelled)
    if (row.effects !== 1) evidence.push(`cancelled order ${row.order_id}: ${row.effects} status emails, expected 1`);
  const attributions = await ctx.db.rows<{ order_id: string; code: string; attributed: number }>(
    `select o.order_id::text, o.promo_code as code,
       (select count(*) from campaigns.order_attributions a where a.order_id = o.order_id)::int as attributed
     from orders.orders o`,
  );
  for (const row of attributions) {
    const expected = row.code === "" ? 0 : 1;
    if (row.attributed !== expected)
      evidence.push(
        `order ${row.order_id} (promo "${row.code}") attributed ${row.attributed} times, expected ${expected}`,
      );
  }
  return verdict(
    "each consumer's effect once per event",
    `${inboxRows} inbox rows; ${emails} event emails, ${cancelled.length} cancellations, ${attributions.filter((a) => a.attributed > 0).length} attributions`,
    evidence,
  );
}
