import { fromBinary } from "@bufbuild/protobuf";
import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { extractTraceContext, injectTraceContext } from "../../services/kit/telemetry/trace-context.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("trace context through the outbox", () => {
  let fx: EventFixture;
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");

  beforeAll(async () => {
    // What the SDK does at process start: the propagator and context manager are process-wide.
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    fx = await createEventFixture();
  });
  afterAll(async () => {
    await fx?.destroy();
    propagation.disable();
    context.disable();
    await provider.shutdown();
  });

  it("inject and extract round-trip the active span", () => {
    const span = tracer.startSpan("request");
    const carrier = context.with(trace.setSpan(context.active(), span), () => injectTraceContext());
    expect(carrier.traceparent).toMatch(
      new RegExp(`^00-${span.spanContext().traceId}-${span.spanContext().spanId}-01$`),
    );
    expect(trace.getSpanContext(extractTraceContext(carrier))?.traceId).toBe(span.spanContext().traceId);
    span.end();
  });

  it("a consume span continues the trace of the request that appended the event", async () => {
    const relay = fx.relay({ tracer });
    const consumer = fx.consumer("traced", { tracer });
    await Promise.all([relay.start(), consumer.start()]);

    const {
      traceId,
      spanId: requestSpanId,
      eventId,
    } = await tracer.startActiveSpan("PlaceOrder", async (span) => {
      const [id] = await fx.appendCommitted(1);
      span.end();
      return { ...span.spanContext(), eventId: id };
    });
    await vi.waitFor(() => expect(exporter.getFinishedSpans().some((s) => s.kind === SpanKind.CONSUMER)).toBe(true), {
      timeout: 10_000,
    });

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER);
    const consume = spans.find((s) => s.kind === SpanKind.CONSUMER);
    expect(publish?.name).toBe(`publish ${fx.env.prefix}.inventory.ItemCreated`);
    expect(consume?.name).toBe(`process ${fx.env.prefix}.inventory.ItemCreated`);
    expect(publish?.spanContext().traceId).toBe(traceId);
    expect(consume?.spanContext().traceId).toBe(traceId);
    // request → publish → process
    expect(publish?.parentSpanContext?.spanId).toBe(requestSpanId);
    expect(consume?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    expect(consume?.attributes["messaging.message.id"]).toBe(eventId);

    // The envelope itself carries the request's context (used when a message has no headers).
    const row = await fx.db
      .withSchema(fx.schema)
      .selectFrom("outbox")
      .select("payload")
      .where("id", "=", eventId!)
      .executeTakeFirstOrThrow();
    const envelope = fromBinary(EventEnvelopeSchema, row.payload);
    expect(envelope.traceContext.traceparent).toBe(`00-${traceId}-${requestSpanId}-01`);
  });
});
