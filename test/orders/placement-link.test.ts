import { context, SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../support/index.js";
import { type KitchenHarness, startKitchenHarness } from "./order-journey.js";

// Registered before Waybill starts, so Waybill keeps this provider and every span lands here.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

let harness: KitchenHarness;
beforeAll(async () => {
  harness = await startKitchenHarness();
});
afterAll(async () => {
  await harness?.stop();
  await provider.shutdown();
});

/** Runs `work` as the only request of a new trace (a root span of the test) and returns the trace id. */
async function inNewTrace<T>(name: string, work: () => Promise<T>): Promise<{ result: T; traceId: string }> {
  const root = trace.getTracer("test").startSpan(name, { root: true });
  try {
    const result = await context.with(trace.setSpan(context.active(), root), work);
    return { result, traceId: root.spanContext().traceId };
  } finally {
    root.end();
  }
}

it("links the kitchen's UpdateOrderStatus server span to the trace of the order's PlaceOrder", async () => {
  const placing = await inNewTrace("customer checkout", () => harness.placed());
  const { order } = placing.result;
  const kitchen = await inNewTrace("kitchen screen", () => harness.move(harness.kitchen, order, OrderStatus.PREPARING));
  expect(kitchen.traceId).not.toBe(placing.traceId);

  const server = await waitFor(
    async () =>
      exporter
        .getFinishedSpans()
        .find(
          (span) =>
            span.spanContext().traceId === kitchen.traceId &&
            span.kind === SpanKind.SERVER &&
            span.name === "waybill.orders.v1.OrderService/UpdateOrderStatus",
        ),
    (span) => span !== undefined,
  );
  const placeOrderServer = exporter
    .getFinishedSpans()
    .find(
      (span) =>
        span.spanContext().traceId === placing.traceId &&
        span.kind === SpanKind.SERVER &&
        span.name === "waybill.orders.v1.OrderService/PlaceOrder",
    );
  expect(placeOrderServer).toBeDefined();
  // The link points at the PlaceOrder server span itself (the traceparent stored with the order).
  expect(server?.links).toEqual([
    expect.objectContaining({
      context: expect.objectContaining({
        traceId: placing.traceId,
        spanId: placeOrderServer?.spanContext().spanId,
      }),
      attributes: { "waybill.link": "order.placed" },
    }),
  ]);
});
