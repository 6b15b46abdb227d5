import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { AssignmentStatus, CourierAvailability } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitUntil } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

// Registered before Fleet starts, so Fleet keeps this provider and every span lands here.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

let h: FleetHarness;
beforeAll(async () => {
  h = await startFleetHarness();
});
afterAll(async () => {
  await h?.stop();
  await provider.shutdown();
});

/** The finished spans of one order, by name. */
const spansOf = (orderId: string, name: string) =>
  exporter.getFinishedSpans().filter((span) => span.name === name && span.attributes["waybill.order.id"] === orderId);

/** Runs `work` under a root span of the test and returns that span's trace id. */
async function inRootSpan(name: string, work: () => Promise<unknown>): Promise<string> {
  const root = trace.getTracer("test").startSpan(name);
  await context.with(trace.setSpan(context.active(), root), work);
  root.end();
  return root.spanContext().traceId;
}

const linksTo = (span: ReadableSpan, traceId: string) => span.links.some((link) => link.context.traceId === traceId);

it("assigns a queued order in its own trace, linked to the courier coming online, and flies it in that trace", async () => {
  const drone = await h.courier("drone", "queue-zone", { availability: CourierAvailability.OFFLINE });
  const orderId = await h.ready("queue-zone");
  const queued = await waitUntil(
    async () => spansOf(orderId, "fleet queue"),
    (spans) => spans.length === 1,
    "the queued order's span",
  );
  const orderTrace = queued[0]!.spanContext().traceId;
  const [stored] = await h.sql
    .selectFrom("assignments")
    .select("trace_parent")
    .where("order_id", "=", orderId)
    .execute();
  expect(stored?.trace_parent).toMatch(new RegExp(`^00-${orderTrace}-[0-9a-f]{16}-0[01]$`));

  const onlineTrace = await inRootSpan("online", () =>
    h.admin.fleet.setCourierAvailability({
      courierId: drone.courierId,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: "queue-zone-online",
    }),
  );
  await h.waitAssignment(orderId, (a) => a.status === AssignmentStatus.DELIVERED);
  const landing = await waitUntil(
    async () =>
      exporter
        .getFinishedSpans()
        .filter(
          (span) => span.name === "fleet drone landing" && span.attributes["waybill.courier.id"] === drone.courierId,
        ),
    (spans) => spans.length === 1,
    "the drone's landing",
  );

  const [assign] = spansOf(orderId, "fleet assign");
  expect(assign?.spanContext().traceId).toBe(orderTrace);
  expect(linksTo(assign!, onlineTrace)).toBe(true);
  // Each step is a child of the one before: assignment, load, depart, arrive, then the landing.
  let parent = assign!;
  for (const step of ["fleet flight load", "fleet flight depart", "fleet flight arrive"]) {
    const [span] = spansOf(orderId, step).filter((s) => s.attributes["waybill.fleet.step_taken"] === true);
    expect(span?.spanContext().traceId, step).toBe(orderTrace);
    expect(span?.parentSpanContext?.spanId, step).toBe(parent.spanContext().spanId);
    parent = span!;
  }
  expect(landing[0]!.spanContext().traceId).toBe(orderTrace);
  expect(landing[0]!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
});

it("keeps a recalled flight in the order's trace, linked to the cancellation", async () => {
  await h.courier("drone", "far");
  const orderId = await h.ready("far");
  await h.waitAssignment(orderId, (a) => a.status === AssignmentStatus.EN_ROUTE);
  // The step's span ends just after its transaction commits.
  const [depart] = await waitUntil(
    async () => spansOf(orderId, "fleet flight depart"),
    (spans) => spans.length === 1,
    "the take-off's span",
  );
  const orderTrace = depart!.spanContext().traceId;

  await h.cancel(orderId, "far");
  await h.waitAssignment(orderId, (a) => a.status === AssignmentStatus.RETURNED);
  const landed = await waitUntil(
    async () => spansOf(orderId, "fleet flight land").filter((s) => s.attributes["waybill.fleet.step_taken"] === true),
    (spans) => spans.length === 1,
    "the recalled drone's landing",
  );
  const [recall] = spansOf(orderId, "fleet recall");
  expect(recall?.spanContext().traceId).toBe(orderTrace);
  // The cancellation came in another trace (its event's), which the recall links to.
  expect(recall!.links.some((link) => link.context.traceId !== orderTrace)).toBe(true);
  expect(landed[0]!.spanContext().traceId).toBe(orderTrace);
  expect(landed[0]!.parentSpanContext?.spanId).toBe(recall!.spanContext().spanId);
});

it("puts a rider's pickup and delivery in the order's trace, linked to the rider's requests", async () => {
  const rider = await h.courier("rider", "rider-zone");
  const orderId = await h.ready("rider-zone");
  const [assign] = await waitUntil(
    async () => spansOf(orderId, "fleet assign"),
    (spans) => spans.length === 1,
    "the assignment's span",
  );
  const orderTrace = assign!.spanContext().traceId;
  const client = await h.asCourier(rider.courierId);
  const pickupTrace = await inRootSpan("pickup", () =>
    client.fleet.reportPickup({ orderId, idempotencyKey: "trace-pickup" }),
  );
  const deliveryTrace = await inRootSpan("delivery", () =>
    client.fleet.reportDelivery({ orderId, receivedBy: "Ada", idempotencyKey: "trace-delivery" }),
  );

  const [pickup] = spansOf(orderId, "fleet rider pickup");
  const [delivery] = spansOf(orderId, "fleet rider delivery");
  expect(pickup?.spanContext().traceId).toBe(orderTrace);
  expect(linksTo(pickup!, pickupTrace)).toBe(true);
  expect(delivery?.spanContext().traceId).toBe(orderTrace);
  expect(linksTo(delivery!, deliveryTrace)).toBe(true);
  expect(delivery?.parentSpanContext?.spanId).toBe(pickup!.spanContext().spanId);
});
