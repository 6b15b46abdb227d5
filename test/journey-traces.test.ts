import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { NotificationStatus } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fastFleet } from "./fleet/helpers/fleet-harness.js";
import { fastNotifications } from "./notifications/helpers/notifications-harness.js";
import { type SmtpSink, startSmtpSink } from "./notifications/helpers/smtp-sink.js";
import { startWebhookReceiver, type WebhookReceiver } from "./notifications/helpers/webhook-receiver.js";
import { allPages, eventsSettled, orderRequest, stockedItem, waitFor, waitUntil } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// Registered before Waybill starts, so Waybill keeps this provider and every span lands here.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

let waybill: TestWaybill;
let receiver: WebhookReceiver;
let smtp: SmtpSink;
let admin: Waybill;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  smtp = await startSmtpSink();
  waybill = await startTestWaybill({ env: { ...fastFleet, ...fastNotifications, SMTP_URL: smtp.url } });
  admin = await waybill.as("admin");
});
afterAll(async () => {
  await waybill?.stop();
  await receiver?.close();
  await smtp?.close();
  await provider.shutdown();
});

/** In the trace, or linked to a span of it. */
const joins = (traceId: string) => (span: ReadableSpan) =>
  span.spanContext().traceId === traceId || span.links.some((link) => link.context.traceId === traceId);

const allNotifications = () =>
  allPages(async (pageToken) => {
    const page = await admin.notifications.listNotifications({ page: { pageSize: 500, pageToken } });
    return [page.notifications, page.page?.nextPageToken];
  });

const named = (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name);

it("follows one order from PlaceOrder to drone delivery in one trace: flight steps, emails and webhooks", async () => {
  // Everything set up before the order (customer, stock, drone, webhook) is out of its trace.
  const brand = await waybill.as("brand", "acme");
  const customerId = crypto.randomUUID();
  const email = `journey-${customerId.slice(0, 8)}@example.com`;
  await admin.orders.createCustomer({ customerId, name: "Journey", email, idempotencyKey: `c-${customerId}` });
  await stockedItem(admin, "acme", "TRIP", 10);
  await admin.fleet.registerCourier({
    kind: CourierKind.DRONE,
    name: "drone journey",
    zone: "mitte",
    capacity: 1,
    availability: CourierAvailability.ONLINE,
    idempotencyKey: "drone-journey",
  });
  const webhook = await brand.notifications.registerWebhook({
    brandId: "acme",
    url: receiver.url("/journey"),
    eventTypes: ["waybill.fleet.v1.OrderDelivered"],
    description: "journey",
    idempotencyKey: "webhook-journey",
  });
  receiver.secret("/journey", webhook.signingSecret);
  // The first attempt fails, the retry succeeds.
  receiver.answer("/journey", 503);
  // The setup's emails (welcome, stock alerts) are sent, and their spans ended, before the order.
  await eventsSettled(waybill.env);
  const setupMails = await waitUntil(
    () => allNotifications(),
    (list) => list.every((item) => item.status === NotificationStatus.SENT),
    "the setup's emails sent",
  );
  await waitUntil(
    async () => named("send email").length,
    (count) => count === setupMails.length,
    "the setup's send spans",
  );
  exporter.reset();
  const mailsBefore = smtp.messages.length;

  const customer = await waybill.asCustomer(customerId);
  const root = trace.getTracer("test").startSpan("journey");
  const orderId = await context.with(trace.setSpan(context.active(), root), async () => {
    const { order } = await customer.orders.placeOrder(
      orderRequest(customerId, "acme", [["TRIP", 2]], "journey-order", { deliveryZone: "mitte" }),
    );
    for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
      await brand.orders.updateOrderStatus({ orderId: order!.orderId, status, idempotencyKey: `move-${status}` });
    }
    return order!.orderId;
  });
  root.end();
  const traceId = root.spanContext().traceId;

  const delivered = await waitFor(
    () => admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.DELIVERED,
    20_000,
  );
  expect(delivered.assignment?.status).toBe(AssignmentStatus.DELIVERED);
  // The journey is complete once the drone has landed, the webhook got through, and every
  // notification is sent with its span ended.
  await waitUntil(
    async () => ({
      landing: named("fleet drone landing").length,
      webhooks: receiver.to("/journey").map((d) => d.status),
    }),
    (seen) => seen.landing > 0 && seen.webhooks.includes(200),
    "the landing and the webhook's retry",
    20_000,
  );
  await eventsSettled(waybill.env);
  const sent = await waitUntil(
    () => allNotifications(),
    (list) => list.every((item) => item.status === NotificationStatus.SENT),
    "every notification sent",
  );
  // Every email the order caused: the customer's and any to the brand or the operator.
  const emailsSent = smtp.messages.length - mailsBefore;
  expect(sent.length - setupMails.length).toBe(emailsSent + 1); // and one webhook delivery
  // A send span ends just after its outcome is recorded.
  await waitUntil(
    async () => ({ emails: named("send email").length, webhooks: named("send webhook").length }),
    (count) => count.emails === emailsSent && count.webhooks === 2,
    "a send span per email and per webhook attempt",
  );
  const spans = exporter.getFinishedSpans();
  const inTrace = joins(traceId);

  // Dispatch, en route and delivery: Fleet's flight steps, their events' publish and process spans.
  for (const step of [
    "fleet assign",
    "fleet flight load",
    "fleet flight depart",
    "fleet flight arrive",
    "fleet drone landing",
  ]) {
    const stepSpans = spans.filter((span) => span.name === step);
    expect(stepSpans.length, step).toBeGreaterThan(0);
    expect(stepSpans.every(inTrace), step).toBe(true);
  }
  for (const type of ["OrderDispatched", "OrderEnRoute", "OrderDelivered", "CourierStateChanged"]) {
    const published = spans.filter((span) => span.name.startsWith("publish ") && span.name.endsWith(`.${type}`));
    const processed = spans.filter((span) => span.name.startsWith("process ") && span.name.endsWith(`.${type}`));
    expect(published.length, type).toBeGreaterThan(0);
    expect(published.every(inTrace), type).toBe(true);
    expect(processed.every(inTrace), type).toBe(true);
  }
  // The order's status followed Fleet's events in the same trace.
  expect((await admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.DELIVERED);

  // Every email: one send span and one SMTP span each, all in the order's trace.
  const emailSends = spans.filter((span) => span.name === "send email");
  expect(emailSends.length).toBe(emailsSent);
  expect(emailsSent).toBeGreaterThanOrEqual(4); // placed, status changes, delivered
  expect(emailSends.filter((span) => !inTrace(span)).map((span) => span.attributes["waybill.event.type"])).toEqual([]);
  const smtpSpans = spans.filter((span) => span.name === "smtp send");
  expect(smtpSpans.length).toBeGreaterThanOrEqual(emailsSent);
  expect(smtpSpans.every(inTrace)).toBe(true);

  // The webhook: two attempts in the trace, the failed one ERROR with its exception recorded.
  const attempts = spans
    .filter((span) => span.name === "POST" && span.attributes["http.request.method"] === "POST")
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  expect(attempts.length).toBe(2);
  expect(attempts.every(inTrace)).toBe(true);
  const [failed, succeeded] = attempts as [ReadableSpan, ReadableSpan];
  expect(failed.status.code).toBe(SpanStatusCode.ERROR);
  expect(failed.attributes["http.response.status_code"]).toBe(503);
  expect(failed.events.some((event) => event.name === "exception")).toBe(true);
  expect(succeeded.status.code).not.toBe(SpanStatusCode.ERROR);
  expect(succeeded.attributes["http.response.status_code"]).toBe(200);
  const webhookSends = spans.filter((span) => span.name === "send webhook");
  expect(webhookSends.length).toBe(2);
  expect(webhookSends.every(inTrace)).toBe(true);

  // What the receiver got: no internal trace context in the body, the attempt's span as `traceparent`.
  const received = receiver.to("/journey");
  expect(received.length).toBe(2);
  for (const [i, delivery] of received.entries()) {
    expect(delivery.signatureValid).toBe(true);
    expect(JSON.parse(delivery.body)).not.toHaveProperty("traceContext");
    expect(delivery.body).not.toContain(traceId);
    const context = attempts[i]!.spanContext();
    expect(delivery.headers.traceparent).toBe(`00-${context.traceId}-${context.spanId}-01`);
  }
});
