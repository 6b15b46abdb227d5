import { randomBytes, randomUUID } from "node:crypto";
import { jetstream } from "@nats-io/jetstream";
import { connect, headers } from "@nats-io/transport-node";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { NotificationStatus } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import { fastFleet } from "./fleet/helpers/fleet-harness.js";
import { fastNotifications } from "./notifications/helpers/notifications-harness.js";
import { type SmtpSink, startSmtpSink } from "./notifications/helpers/smtp-sink.js";
import {
  allPages,
  createIsolatedEnvironment,
  eventsSettled,
  type IsolatedEnvironment,
  type OtlpPoint,
  type OtlpReceiver,
  type OtlpSpan,
  orderRequest,
  spawnWaybill,
  startOtlpReceiver,
  stockedItem,
  type WaybillProcess,
  waitFor,
  waitUntil,
} from "./support/index.js";

// What an SRE sees of one real order, from placement to drone delivery, in a Waybill process
// running all five services as deployed: OTLP/HTTP (JSON) into a receiver in this test, and the
// process's own log lines. Nothing is read from inside the process.
const secret = "observability-test-secret-of-32-chars";
const placeOrder = "waybill.orders.v1.OrderService/PlaceOrder";
const reserveStock = "waybill.inventory.v1.InventoryService/ReserveStock";
const spanKindServer = 2;

let env: IsolatedEnvironment;
let receiver: OtlpReceiver;
let smtp: SmtpSink;
let waybill: WaybillProcess;
let admin: Waybill;

/** What the journey left for the tests to read. */
let journey: {
  readonly orderId: string;
  readonly customerId: string;
  readonly sku: string;
  readonly courierId: string;
  /** The trace of the PlaceOrder server span. */
  readonly traceId: string;
  /** The notifications the order caused (emails to the customer, the brand, the operator). */
  readonly notificationIds: ReadonlySet<string>;
};

const allNotifications = () =>
  allPages(async (pageToken) => {
    const page = await admin.notifications.listNotifications({ page: { pageSize: 500, pageToken } });
    return [page.notifications, page.page?.nextPageToken];
  });

/** The fields of a log line the tests read. */
interface LogLine {
  readonly level?: number;
  readonly msg?: string;
  readonly service?: string;
  readonly method?: string;
  readonly consumer?: string;
  readonly eventId?: string;
  readonly reason?: string;
  readonly trace_id?: string;
  readonly span_id?: string;
}

/** The process's JSON log lines so far. */
const logLines = (): LogLine[] =>
  waybill
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);

const spansNamed = (name: string) => receiver.spans.filter((span) => span.name === name);

/** The send spans of the given notifications. */
const sendSpansOf = (ids: ReadonlySet<string>) =>
  spansNamed("send email").filter((span) => ids.has(String(span.attributes["waybill.notification.id"])));

/** Every notification sent and every event consumed, with the send spans of `ids` received. */
async function settled(ids: () => Promise<ReadonlySet<string>>, what: string): Promise<ReadonlySet<string>> {
  await eventsSettled(env);
  await waitUntil(
    () => allNotifications(),
    (list) => list.every((item) => item.status === NotificationStatus.SENT),
    `${what}: every notification sent`,
  );
  const wanted = await ids();
  await waitUntil(
    async () => sendSpansOf(wanted).length,
    (count) => count >= wanted.size,
    `${what}: a send span per email`,
  );
  return wanted;
}

beforeAll(async () => {
  [env, receiver, smtp] = await Promise.all([createIsolatedEnvironment(), startOtlpReceiver(), startSmtpSink()]);
  waybill = await spawnWaybill(env, {
    AUTH_SECRET: secret,
    LOG_LEVEL: "info",
    SMTP_URL: smtp.url,
    ...fastFleet,
    ...fastNotifications,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_METRIC_EXPORT_INTERVAL: "250",
    OTEL_BSP_SCHEDULE_DELAY: "50",
  });
  const tokens = createTokenIssuer(secret);
  const clientOf = async (claims: Parameters<typeof tokens.sign>[0]) =>
    createWaybill({ baseUrl: waybill.url, token: await tokens.sign(claims) });
  admin = await clientOf({ subject: "ops", role: "admin" });
  const kitchen = await clientOf({ subject: "kitchen", role: "brand", brandId: "acme" });

  // Set-up, all before the order: a customer (welcome email), stock, a drone still offline.
  const customerId = randomUUID();
  const sku = `OBS-${customerId.slice(0, 6)}`;
  await admin.orders.createCustomer({
    customerId,
    name: "Observed",
    email: `observed-${customerId.slice(0, 8)}@example.com`,
    idempotencyKey: `customer-${customerId}`,
  });
  await stockedItem(admin, "acme", sku, 10);
  const { courier } = await admin.fleet.registerCourier({
    kind: CourierKind.DRONE,
    name: "drone observed",
    zone: "mitte",
    capacity: 1,
    availability: CourierAvailability.OFFLINE,
    idempotencyKey: `drone-${customerId}`,
  });
  const courierId = courier?.courierId ?? "";
  const setup = await settled(async () => new Set((await allNotifications()).map((n) => n.notificationId)), "set-up");

  // The order, as its customer and the brand's kitchen place and move it, each with its own token.
  const customer = await clientOf({ subject: customerId, role: "customer" });
  const { order } = await customer.orders.placeOrder(
    orderRequest(customerId, "acme", [[sku, 2]], `order-${customerId}`, { deliveryZone: "mitte" }),
  );
  const orderId = order?.orderId ?? "";
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await kitchen.orders.updateOrderStatus({ orderId, status, idempotencyKey: `move-${orderId}-${status}` });
  }
  // The order waits in its zone's queue, and the queue's gauge shows it, until the drone comes online.
  await waitUntil(
    () => admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.QUEUED,
    "the order queued",
  );
  await waitUntil(
    async () => latest("waybill.fleet.queue.length", { zone: "mitte" }).map((point) => point.value),
    (lengths) => lengths[0] === 1,
    "the queue length 1 exported",
  );
  await admin.fleet.setCourierAvailability({
    courierId,
    availability: CourierAvailability.ONLINE,
    idempotencyKey: `online-${courierId}`,
  });
  await waitUntil(
    () => admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.DELIVERED,
    "the drone delivery",
    20_000,
  );
  // The drone is back once it has landed; its landing span ends the journey's Fleet work.
  await waitUntil(
    async () => spansNamed("fleet drone landing").filter((span) => span.attributes["waybill.courier.id"] === courierId),
    (landings) => landings.length > 0,
    "the drone's landing span",
  );
  const notificationIds = await settled(
    async () => new Set((await allNotifications()).map((n) => n.notificationId).filter((id) => !setup.has(id))),
    "the order",
  );
  const placed = await waitUntil(
    async () => spansNamed(placeOrder).find((span) => span.kind === spanKindServer),
    (span) => span !== undefined,
    "the PlaceOrder server span",
  );
  journey = { orderId, customerId, sku, courierId, traceId: placed?.traceId ?? "", notificationIds };
}, 90_000);

afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await Promise.all([receiver?.close(), smtp?.close()]);
  await env?.cleanup();
});

/** The latest exported points of `metric` whose attributes include `match`. */
function latest(metric: string, match: Readonly<Record<string, unknown>> = {}): OtlpPoint[] {
  const byAttributes = new Map<string, OtlpPoint>();
  for (const point of receiver.points) {
    if (point.metric !== metric) continue;
    if (!Object.entries(match).every(([key, value]) => point.attributes[key] === value)) continue;
    byAttributes.set(JSON.stringify(point.attributes), point);
  }
  return [...byAttributes.values()];
}

/** Waits until `metric` has exported points matching `match` and satisfying `done`, and returns them. */
async function pointsOf(
  metric: string,
  match: Readonly<Record<string, unknown>>,
  done: (points: OtlpPoint[]) => boolean = (points) => points.length > 0,
): Promise<OtlpPoint[]> {
  return waitFor(async () => latest(metric, match), done);
}

const nonNegativeIntegers = (points: readonly OtlpPoint[]) =>
  points.length > 0 && points.every((point) => Number.isInteger(point.value) && point.value >= 0);

describe("metrics of one order's journey", () => {
  it("times PlaceOrder by method and code, and event processing by consumer", async () => {
    const calls = await pointsOf("rpc.server.call.duration", { "rpc.method": placeOrder }, (points) =>
      points.some((p) => (p.count ?? 0) > 0),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.attributes).toMatchObject({ "rpc.system.name": "connectrpc", "rpc.status_code": "ok" });
    expect(calls[0]?.attributes["error.type"]).toBeUndefined();
    expect(calls[0]?.count).toBe(1);
    expect(calls[0]?.value).toBeGreaterThan(0);
    expect(calls[0]?.value).toBeLessThan(30);

    const processed = await pointsOf("messaging.process.duration", { "messaging.system": "nats" });
    expect(processed.length).toBeGreaterThan(0);
    expect(processed.every((p) => typeof p.attributes["messaging.consumer.group.name"] === "string")).toBe(true);
    expect(processed.reduce((sum, p) => sum + (p.count ?? 0), 0)).toBeGreaterThan(0);

    const outcomes = await pointsOf("waybill.consumer.messages", { outcome: "processed" });
    expect(outcomes.reduce((sum, p) => sum + p.value, 0)).toBeGreaterThan(0);
    expect(outcomes.every((p) => typeof p.attributes.consumer === "string")).toBe(true);
  });

  it("reports the outbox per schema and each durable consumer's lag", async () => {
    const schemas = ["orders", "inventory", "fleet", "notifications"];
    const unpublished = await pointsOf("waybill.outbox.unpublished", {}, (points) =>
      schemas.every((schema) => points.some((p) => p.attributes.schema === schema)),
    );
    expect(unpublished.map((p) => p.attributes.schema)).toEqual(expect.arrayContaining(schemas));
    expect(nonNegativeIntegers(unpublished)).toBe(true);
    const oldest = await pointsOf("waybill.outbox.oldest_age", { schema: "orders" });
    expect(oldest[0]?.value).toBeGreaterThanOrEqual(0);
    // The journey has settled: the outbox drains and reports a backlog of none.
    const drained = await pointsOf(
      "waybill.outbox.unpublished",
      { schema: "orders" },
      (points) => points[0]?.value === 0,
    );
    expect(drained[0]?.value).toBe(0);

    const pending = await pointsOf("waybill.consumer.pending", {});
    expect(nonNegativeIntegers(pending)).toBe(true);
    expect(
      pending.every((p) => typeof p.attributes.consumer === "string" && typeof p.attributes.stream === "string"),
    ).toBe(true);
  });

  it("reports the fleet queue per zone, the notification backlog, held reservations and the pool", async () => {
    // One order waited in the zone's queue until the drone came online; none waits now.
    const queue = await pointsOf("waybill.fleet.queue.length", { zone: "mitte" }, (points) => points[0]?.value === 0);
    expect(queue.map((p) => p.value)).toEqual([0]);
    const history = receiver.points.filter((p) => p.metric === "waybill.fleet.queue.length").map((p) => p.value);
    expect(history).toContain(1);
    expect(Math.max(...history)).toBe(1);

    const backlog = await pointsOf("waybill.notifications.backlog", {}, (points) => points.length >= 2);
    expect(nonNegativeIntegers(backlog)).toBe(true);
    expect(backlog.map((p) => p.attributes.channel)).toEqual(expect.arrayContaining(["email", "webhook"]));
    expect(backlog.every((p) => typeof p.attributes.status === "string")).toBe(true);

    const held = await pointsOf("waybill.inventory.reservations.held", {});
    expect(nonNegativeIntegers(held)).toBe(true);

    const connections = await pointsOf("db.client.connection.count", {}, (points) =>
      ["used", "idle"].every((state) => points.some((p) => p.attributes["db.client.connection.state"] === state)),
    );
    expect(nonNegativeIntegers(connections)).toBe(true);
    expect(connections.reduce((sum, p) => sum + p.value, 0)).toBeGreaterThan(0);
  });

  it("exports Node runtime metrics", async () => {
    const runtime = await waitFor(
      async () => receiver.points.filter((p) => /^(nodejs\.eventloop\.delay\.|v8js\.)/.test(p.metric)),
      (points) => points.length > 0,
    );
    expect(runtime.length).toBeGreaterThan(0);
    const heap = await pointsOf("v8js.memory.heap.used", {});
    expect(heap.some((p) => p.value > 0)).toBe(true);
  });
});

describe("spans of one order's journey", () => {
  it("puts a span per SQL statement under ReserveStock, with the statement text and no parameter values", () => {
    const inTrace = receiver.spans.filter((span) => span.traceId === journey.traceId);
    const server = inTrace.find((span) => span.name === reserveStock && span.kind === spanKindServer);
    expect(server, "the ReserveStock server span in the PlaceOrder trace").toBeDefined();
    const byId = new Map(inTrace.map((span) => [span.spanId, span]));
    const under = (span: OtlpSpan) => {
      for (let parent = byId.get(span.parentSpanId ?? ""); parent; parent = byId.get(parent.parentSpanId ?? ""))
        if (parent.spanId === server?.spanId) return true;
      return false;
    };
    const statements = inTrace.filter(
      (span) =>
        under(span) &&
        span.name.startsWith("pg.query") &&
        Object.keys(span.attributes).some((key) => key.startsWith("db.")),
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.some((span) => span.parentSpanId === server?.spanId)).toBe(true);
    const texts = statements.map((span) => String(span.attributes["db.query.text"] ?? ""));
    expect(texts.every((text) => text.length > 0)).toBe(true);
    expect(texts.some((text) => /\$1/.test(text))).toBe(true);
    // The order, customer and SKU travel as parameters: no statement span holds them.
    for (const span of statements) {
      const attributes = JSON.stringify(span.attributes);
      for (const value of [journey.orderId, journey.customerId, journey.sku]) expect(attributes).not.toContain(value);
    }
  });

  it("keeps the order's later steps in the PlaceOrder trace or linked to it: dispatch, flight, delivery, emails", () => {
    // The order's traces: PlaceOrder's, and any trace with a span that links to it.
    const orderTraces = new Set([
      journey.traceId,
      ...receiver.spans
        .filter((span) => span.links.some((link) => link.traceId === journey.traceId))
        .map((span) => span.traceId),
    ]);
    const joins = (span: OtlpSpan) =>
      orderTraces.has(span.traceId) || span.links.some((link) => orderTraces.has(link.traceId));
    const processOf = (type: string) =>
      receiver.spans.filter((span) => span.name.startsWith("process ") && span.name.endsWith(`.${type}`));
    const steps = {
      dispatched: processOf("OrderDispatched"),
      enRoute: processOf("OrderEnRoute"),
      delivered: processOf("OrderDelivered"),
      queued: spansNamed("fleet queue").filter((span) => span.attributes["waybill.order.id"] === journey.orderId),
      assigned: spansNamed("fleet assign").filter((span) => span.attributes["waybill.order.id"] === journey.orderId),
      flight: receiver.spans.filter(
        (span) => span.name.startsWith("fleet flight ") && span.attributes["waybill.order.id"] === journey.orderId,
      ),
      emails: sendSpansOf(journey.notificationIds),
    };
    for (const [step, spans] of Object.entries(steps)) expect(spans.length, step).toBeGreaterThan(0);
    expect(steps.emails.length).toBeGreaterThanOrEqual(journey.notificationIds.size);
    // What is astray, and the root of the trace it is in instead.
    const rootOf = (traceId: string) =>
      receiver.spans.find((span) => span.traceId === traceId && span.parentSpanId === undefined)?.name ?? "?";
    const astray = Object.entries(steps).flatMap(([step, spans]) =>
      spans.filter((span) => !joins(span)).map((span) => `${step}: ${span.name} (trace of ${rootOf(span.traceId)})`),
    );
    expect(astray).toEqual([]);
  });
});

describe("a dead letter", () => {
  it("is an ERROR line with its trace, event, consumer and reason, a span event and a counter", async () => {
    // Bytes that are no event envelope, published on a subject Orders' consumers read, with the
    // trace context and event id a producer would send: every consumer terminates it as poison.
    const traceId = randomBytes(16).toString("hex");
    const eventId = randomUUID();
    const nc = await connect({ servers: env.natsUrl });
    try {
      const sent = headers();
      sent.set("traceparent", `00-${traceId}-${randomBytes(8).toString("hex")}-01`);
      sent.set("Waybill-Event-Id", eventId);
      await jetstream(nc).publish(`${env.prefix}.orders.OrderPlaced`, new TextEncoder().encode("not an envelope"), {
        headers: sent,
        msgID: eventId,
      });
    } finally {
      await nc.close();
    }

    // Every consumer has handled it (terminated: nothing is pending), so every ERROR line is written.
    await eventsSettled(env);
    const logged = await waitUntil(
      async () => logLines().filter((line) => line.level === 50 && line.eventId === eventId),
      (found) => found.length > 0,
      "the dead letter's ERROR lines",
    );
    for (const line of logged) {
      expect(line).toMatchObject({ trace_id: traceId, reason: "terminated", eventId });
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(line.msg).toMatch(/dead-lettered/);
    }
    const consumers = logged.map((line) => String(line.consumer ?? ""));
    expect(consumers.every((consumer) => consumer !== "")).toBe(true);
    expect(new Set(consumers).size).toBe(consumers.length);

    // The span each line was written in: the delivery's, with the event and ERROR status.
    const spanIds = new Set(logged.map((line) => line.span_id));
    const events = await waitUntil(
      async () => receiver.spans.filter((span) => span.traceId === traceId && spanIds.has(span.spanId)),
      (spans) => spans.length === spanIds.size,
      "the dead letters' process spans",
    );
    for (const span of events) {
      expect(span.statusCode).toBe(2);
      expect(span.events.find((event) => event.name === "waybill.dead_letter")?.attributes).toMatchObject({
        "waybill.dead_letter.reason": "terminated",
        "messaging.message.id": eventId,
      });
    }

    // Counted once per consumer, as a dead letter and as a delivery's outcome.
    const countedFor = async (metric: string, match: Readonly<Record<string, unknown>>) =>
      (
        await pointsOf(metric, match, (points) =>
          consumers.every((consumer) => points.some((p) => p.attributes.consumer === consumer)),
        )
      )
        .filter((p) => consumers.includes(String(p.attributes.consumer)))
        .map((p) => p.value);
    expect(await countedFor("waybill.dead_letters", {})).toEqual(consumers.map(() => 1));
    expect(await countedFor("waybill.consumer.messages", { outcome: "dead_lettered" })).toEqual(consumers.map(() => 1));
  });
});

describe("logs of one order's journey", () => {
  it("puts trace_id beside every span_id, and service on every RPC line", () => {
    const all = logLines();
    const inSpans = all.filter((line) => line.span_id !== undefined);
    expect(inSpans.length).toBeGreaterThan(0);
    expect(inSpans.filter((line) => !/^[0-9a-f]{32}$/.test(line.trace_id ?? ""))).toEqual([]);
    expect(inSpans.filter((line) => !/^[0-9a-f]{16}$/.test(line.span_id ?? ""))).toEqual([]);
    const rpcs = all.filter((line) => line.msg === "rpc");
    expect(rpcs.length).toBeGreaterThan(0);
    expect(rpcs.filter((line) => typeof line.service !== "string" || line.service === "")).toEqual([]);
    const placed = rpcs.find((line) => line.method === placeOrder);
    expect(placed).toMatchObject({ service: "orders", trace_id: journey.traceId });
  });
});
