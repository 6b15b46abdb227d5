import { Code } from "@connectrpc/connect";
import { type Attributes, context, metrics, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ordersService } from "../../services/orders/index.js";
import { type OrdersHarness, startOrdersHarness } from "../orders/orders-harness.js";
import { errorOf, orderRequest, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// Registered before Waybill starts (as in test/tracing.test.ts), so Waybill, running in this
// process, records into them. They only read what the code records; the calls are real.
const spans = new InMemorySpanExporter();
const tracing = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
tracing.register();
const metricExporter = new sdkMetrics.InMemoryMetricExporter(sdkMetrics.AggregationTemporality.CUMULATIVE);
// Read on demand with forceFlush; the interval is only there because the reader needs one.
const reader = new sdkMetrics.PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
const meters = new sdkMetrics.MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(meters);

const inventoryMethod = (name: string) => `waybill.inventory.v1.InventoryService/${name}`;
const ordersMethod = (name: string) => `waybill.orders.v1.OrderService/${name}`;

/** The histogram points of `name` whose attributes include `match`, as of now. */
async function pointsOf(name: string, match: Attributes) {
  await reader.forceFlush();
  const found = (metricExporter.getMetrics().at(-1)?.scopeMetrics ?? [])
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name);
  for (const metric of found) expect(metric.descriptor.unit).toBe("s");
  return found
    .flatMap((metric) => metric.dataPoints as sdkMetrics.DataPoint<sdkMetrics.Histogram>[])
    .filter((point) => Object.entries(match).every(([key, value]) => point.attributes[key] === value))
    .map((point) => ({ attributes: point.attributes, ...point.value }));
}

/** Finished spans of one kind and name, optionally in one trace. */
function spansOf(kind: SpanKind, name: string, traceId?: string): ReadableSpan[] {
  return spans
    .getFinishedSpans()
    .filter(
      (s) => s.kind === kind && s.name === name && (traceId === undefined || s.spanContext().traceId === traceId),
    );
}

/** Runs `call` under a root span of the test's own, and returns the trace id it ran in. */
async function traced(call: () => Promise<unknown>): Promise<string> {
  const root = trace.getTracer("test").startSpan("test");
  await context.with(trace.setSpan(context.active(), root), call);
  root.end();
  return root.spanContext().traceId;
}

/** The client span (the SDK's, in this process) and the server span of `method` in one trace. */
function callSpans(method: string, traceId: string) {
  const client = spansOf(SpanKind.CLIENT, method, traceId);
  const server = spansOf(SpanKind.SERVER, method, traceId);
  expect([client.length, server.length]).toEqual([1, 1]);
  return { client: client[0]!, server: server[0]! };
}

let harness: OrdersHarness;
/** A second process' worth of Orders, calling the first's Inventory over gRPC at its URL. */
let remoteOrders: TestWaybill;
let crashNext = false;

beforeAll(async () => {
  harness = await startOrdersHarness({
    orders: {
      afterReserve() {
        if (!crashNext) return;
        crashNext = false;
        throw new Error("orders failed between reserving and recording");
      },
    },
  });
  remoteOrders = await startTestWaybill({
    definitions: [ordersService],
    sharing: harness.env,
    env: { INVENTORY_URL: harness.url },
  });
  await harness.stock("acme", "TEL-1", 100);
});
afterAll(async () => {
  await remoteOrders?.stop();
  await harness?.stop();
  await meters.shutdown();
  await tracing.shutdown();
});

describe("RPC telemetry by the Connect RPC conventions", () => {
  it("a NotFound answer: a duration with rpc.status_code not_found, and a server span that is not an error", async () => {
    const sku = `NONE-${crypto.randomUUID().slice(0, 8)}`;
    const traceId = await traced(async () => {
      const refused = await errorOf(harness.admin.inventory.getItem({ brandId: "acme", sku }));
      expect(refused.code).toBe(Code.NotFound);
    });

    const [point] = await pointsOf("rpc.server.call.duration", {
      "rpc.system.name": "connectrpc",
      "rpc.method": inventoryMethod("GetItem"),
      "rpc.status_code": "not_found",
    });
    expect(point?.count).toBe(1);
    expect(point?.sum).toBeGreaterThan(0);
    expect(point?.attributes["error.type"]).toBeUndefined();

    const { client, server } = callSpans(inventoryMethod("GetItem"), traceId);
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    expect(server.attributes["error.type"]).toBeUndefined();
    expect(server.attributes["rpc.system.name"]).toBe("connectrpc");
    expect(server.attributes["rpc.method"]).toBe(inventoryMethod("GetItem"));
    // The address the caller used, from the request's authority.
    const { hostname, port } = new URL(harness.url);
    expect(server.attributes["server.address"]).toBe(hostname);
    expect(server.attributes["server.port"]).toBe(Number(port));
    // For a client, every code but ok is an error, with the code as error.type.
    expect(client.status.code).toBe(SpanStatusCode.ERROR);
    expect(client.attributes["error.type"]).toBe("not_found");
    expect(client.attributes["server.address"]).toBe(hostname);
    expect(client.attributes["server.port"]).toBe(Number(port));
  });

  it("a refusal (failed_precondition) is written in snake_case and is not a server error", async () => {
    const { id, client } = await harness.customer();
    const traceId = await traced(async () => {
      const refused = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["TEL-1", 1000]], "short-1")));
      expect(refused.code).toBe(Code.FailedPrecondition);
    });
    const { server } = callSpans(ordersMethod("PlaceOrder"), traceId);
    expect(server.attributes["rpc.status_code"]).toBe("failed_precondition");
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    expect(server.attributes["error.type"]).toBeUndefined();
    const points = await pointsOf("rpc.server.call.duration", {
      "rpc.method": ordersMethod("PlaceOrder"),
      "rpc.status_code": "failed_precondition",
    });
    expect(points.map((p) => p.count)).toEqual([1]);
  });

  it("an unexpected failure, answered INTERNAL, makes the server span ERROR and carries error.type", async () => {
    const { id, client } = await harness.customer();
    crashNext = true;
    const traceId = await traced(async () => {
      const failed = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["TEL-1", 1]], "crash-1")));
      expect(failed.code).toBe(Code.Internal);
    });

    const { server } = callSpans(ordersMethod("PlaceOrder"), traceId);
    expect(server.attributes["rpc.status_code"]).toBe("internal");
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.attributes["error.type"]).toBe("internal");
    const [point] = await pointsOf("rpc.server.call.duration", {
      "rpc.method": ordersMethod("PlaceOrder"),
      "rpc.status_code": "internal",
    });
    expect(point?.count).toBe(1);
    expect(point?.attributes["error.type"]).toBe("internal");
  });

  it("PlaceOrder → ReserveStock in one process: a client duration and span, without a network address", async () => {
    const { id, client } = await harness.customer();
    const reservations = async () =>
      (
        await pointsOf("rpc.client.call.duration", {
          "rpc.system.name": "connectrpc",
          "rpc.method": inventoryMethod("ReserveStock"),
          "rpc.status_code": "ok",
        })
      ).filter((p) => p.attributes["server.address"] === undefined);
    const before = (await reservations()).reduce((sum, p) => sum + p.count, 0);
    const traceId = await traced(async () => {
      const placed = await client.orders.placeOrder(orderRequest(id, "acme", [["TEL-1", 1]], "local-1"));
      expect(placed.order?.orderId).toBeTruthy();
    });

    const inMemory = await reservations();
    expect(inMemory).toHaveLength(1);
    expect(inMemory[0]!.count).toBe(before + 1);
    expect(inMemory[0]!.attributes["error.type"]).toBeUndefined();

    callSpans(ordersMethod("PlaceOrder"), traceId);
    const reserve = spansOf(SpanKind.CLIENT, inventoryMethod("ReserveStock"), traceId);
    expect(reserve).toHaveLength(1);
    expect(reserve[0]!.attributes["rpc.status_code"]).toBe("ok");
    expect(reserve[0]!.attributes["server.address"]).toBeUndefined();
    expect(reserve[0]!.status.code).toBe(SpanStatusCode.UNSET);
    // Inventory's side of the same call is timed as a server call too.
    expect(
      await pointsOf("rpc.server.call.duration", {
        "rpc.method": inventoryMethod("ReserveStock"),
        "rpc.status_code": "ok",
      }),
    ).not.toHaveLength(0);
  });

  it("PlaceOrder → ReserveStock over gRPC: the client duration carries server.address and server.port", async () => {
    const { id } = await harness.customer();
    const customer = await remoteOrders.asCustomer(id);
    const traceId = await traced(async () => {
      const placed = await customer.orders.placeOrder(orderRequest(id, "acme", [["TEL-1", 1]], "remote-1"));
      expect(placed.order?.orderId).toBeTruthy();
    });

    const { hostname, port } = new URL(harness.url);
    const points = await pointsOf("rpc.client.call.duration", {
      "rpc.system.name": "connectrpc",
      "rpc.method": inventoryMethod("ReserveStock"),
      "rpc.status_code": "ok",
      "server.address": hostname,
      "server.port": Number(port),
    });
    expect(points.map((p) => p.count)).toEqual([1]);
    expect(points[0]!.sum).toBeGreaterThan(0);

    const place = callSpans(ordersMethod("PlaceOrder"), traceId);
    expect(place.client.attributes["server.port"]).toBe(Number(new URL(remoteOrders.url).port));
    const reserve = spansOf(SpanKind.CLIENT, inventoryMethod("ReserveStock"), traceId);
    expect(reserve.map((s) => [s.attributes["server.address"], s.attributes["server.port"]])).toEqual([
      [hostname, Number(port)],
    ]);
  });

  it("a stream is timed until it ends: WatchStock cancelled by its caller", async () => {
    const brand = await harness.brand("acme");
    const abort = new AbortController();
    const stream = brand.inventory.watchStock({ brandId: "acme", skus: ["TEL-1"] }, { signal: abort.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next(); // the snapshot: the stream is open on the server from here on
    const firstMessageAt = performance.now();
    await brand.inventory.adjustStock({
      brandId: "acme",
      sku: "TEL-1",
      delta: 1n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: `tel-restock-${crypto.randomUUID()}`,
    });
    await iterator.next(); // the change
    const heldSeconds = (performance.now() - firstMessageAt) / 1000;
    abort.abort();
    await iterator.next().catch(() => undefined);

    const method = inventoryMethod("WatchStock");
    const [point] = await waitFor(
      () => pointsOf("rpc.server.call.duration", { "rpc.method": method }),
      (found) => found.length > 0,
    );
    expect(point?.attributes["rpc.status_code"]).toBe("canceled");
    expect(point?.count).toBe(1);
    // The server's call began before the first message reached us and ended after we left.
    expect(point!.sum).toBeGreaterThanOrEqual(heldSeconds);
    const server = spansOf(SpanKind.SERVER, method);
    expect(server.map((s) => [s.attributes["rpc.status_code"], s.status.code])).toEqual([
      ["canceled", SpanStatusCode.UNSET],
    ]);
  });
});
