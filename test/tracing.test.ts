import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { itemRequest, waitFor } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// Registered before Waybill starts, so Waybill keeps this provider and every span lands here.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

let waybill: TestWaybill;
beforeAll(async () => {
  waybill = await startTestWaybill();
});
afterAll(async () => {
  await waybill?.stop();
  await provider.shutdown();
});

it("follows one request as one trace: SDK call, server RPC, outbox publish, event consumer", async () => {
  const brand = await waybill.as("brand", "acme");
  const root = trace.getTracer("test").startSpan("checkout");
  await context.with(trace.setSpan(context.active(), root), async () => {
    await brand.inventory.createItem(itemRequest("acme", "TRACE", { name: "Traced", price: 1n }));
    await brand.inventory.adjustStock({
      brandId: "acme",
      sku: "TRACE",
      delta: 3n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "t2",
    });
  });
  root.end();
  const traceId = root.spanContext().traceId;

  const inTrace = async () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  // The consumer's span ends after the others: the trace is complete once it is there.
  const spans = await waitFor(inTrace, (list) =>
    list.some((s) => s.name.startsWith("process ") && s.name.endsWith("StockChanged")),
  );
  const names = spans.map((span) => span.name);
  expect(names).toContain("waybill.inventory.v1.InventoryService/AdjustStock");
  expect(names.filter((n) => n === "waybill.inventory.v1.InventoryService/AdjustStock").length).toBe(2); // client and server
  expect(names.some((n) => n.startsWith("publish ") && n.endsWith(".inventory.StockChanged"))).toBe(true);
  expect(names.some((n) => n.startsWith("process ") && n.endsWith(".inventory.StockChanged"))).toBe(true);
});
