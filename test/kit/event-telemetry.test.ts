import { headers } from "@nats-io/transport-node";
import { type Attributes, metrics, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxRelay } from "../../services/kit/events/index.js";
import { listDeadLetters, observeDeadLetters } from "../../services/kit/events/index.js";
import { activeTraceFields } from "../../services/kit/logging/trace-fields.js";
import { injectTraceContext } from "../../services/kit/telemetry/trace-context.js";
import { createRecordingLogger, waitFor, waitUntil } from "../support/index.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";
import { createGate } from "./gate.js";

// Registered before the fixture builds consumers and relays (they take the global meter when
// created), as an SDK would be at process start. They only read what the code records.
const spans = new InMemorySpanExporter();
const tracing = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
tracing.register();
const exported = new sdkMetrics.InMemoryMetricExporter(sdkMetrics.AggregationTemporality.CUMULATIVE);
// Read on demand with forceFlush; the interval is only there because the reader needs one.
const reader = new sdkMetrics.PeriodicExportingMetricReader({ exporter: exported, exportIntervalMillis: 3_600_000 });
const meters = new sdkMetrics.MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(meters);
const tracer = trace.getTracer("test");

/** The points of metric `name` whose attributes include `match`, collected now. */
async function pointsOf<T = number>(name: string, match: Attributes = {}): Promise<sdkMetrics.DataPoint<T>[]> {
  await reader.forceFlush();
  return (exported.getMetrics().at(-1)?.scopeMetrics ?? [])
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as sdkMetrics.DataPoint<T>[])
    .filter((point) => Object.entries(match).every(([key, value]) => point.attributes[key] === value));
}

/** The one value of a counter or gauge for `match` (undefined when nothing was recorded). */
async function recorded(name: string, match: Attributes): Promise<number | undefined> {
  const points = await pointsOf(name, match);
  expect(points.length).toBeLessThanOrEqual(1);
  return points[0]?.value;
}

/** The finished `process …` spans of one event by one consumer, in order. */
function processSpansOf(eventId: string, consumer: string): ReadableSpan[] {
  return spans
    .getFinishedSpans()
    .filter(
      (span) =>
        span.kind === SpanKind.CONSUMER &&
        span.attributes["messaging.message.id"] === eventId &&
        span.attributes["messaging.consumer.group.name"] === consumer,
    );
}

/** Parsed JSON log lines. */
function parsed(lines: readonly string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("event pipeline telemetry", () => {
  let fx: EventFixture;
  let subject: string;
  /** Started by the first test (after it has seen the backlog), or by any later one that runs alone. */
  let relay: OutboxRelay;

  beforeAll(async () => {
    fx = await createEventFixture();
    subject = `${fx.env.prefix}.inventory.ItemCreated`;
    relay = fx.relay();
  });
  afterAll(async () => {
    await fx?.destroy();
    await meters.shutdown();
    await tracing.shutdown();
  });

  it("reports the outbox backlog and the age of its oldest event while no relay publishes, and zero after", async () => {
    // Created, not started: the backlog shows whether or not the relay runs.
    await fx.appendCommitted(3);
    const backlog = { schema: fx.schema };
    const aged = await waitFor(
      () => recorded("waybill.outbox.oldest_age", backlog),
      (age) => age !== undefined && age >= 0.2,
    );
    expect(aged).toBeGreaterThanOrEqual(0.2);
    expect(await recorded("waybill.outbox.unpublished", backlog)).toBe(3);

    await relay.start();
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the relay to publish the backlog",
    );
    const drained = await waitFor(
      async () => [
        await recorded("waybill.outbox.unpublished", backlog),
        await recorded("waybill.outbox.oldest_age", backlog),
      ],
      ([unpublished, age]) => unpublished === 0 && age === 0,
    );
    expect(drained).toEqual([0, 0]);

    const [published] = await pointsOf<sdkMetrics.Histogram>("messaging.client.operation.duration", {
      "messaging.system": "nats",
      "messaging.operation.name": "publish",
      "messaging.operation.type": "send",
      "messaging.destination.name": subject,
    });
    expect(published?.value.count).toBe(3);
    expect(published?.attributes["error.type"]).toBeUndefined();
    const publishSpans = spans.getFinishedSpans().filter((span) => span.kind === SpanKind.PRODUCER);
    expect(publishSpans).toHaveLength(3);
    for (const span of publishSpans) {
      expect(span.name).toBe(`publish ${subject}`);
      expect(span.attributes["messaging.operation.name"]).toBe("publish");
      expect(span.attributes["messaging.operation.type"]).toBe("send");
    }
  });

  it("reports a durable consumer's pending and ack-pending messages", async () => {
    await relay.start();
    // The stream holds the three events of the test above, all on this consumer's subject.
    const gate = createGate();
    const consumer = fx.consumer("lagging", {
      prefetch: 1,
      handle: async () => {
        await gate.opened;
      },
    });
    await consumer.start();
    await waitUntil(
      () => fx.jsm.consumers.info(fx.stream, "lagging"),
      (info) => info.num_ack_pending === 1,
      "the consumer to hold its first message",
    );
    const lag = { consumer: "lagging", stream: fx.stream };
    expect(await recorded("waybill.consumer.pending", lag)).toBe(2);
    expect(await recorded("waybill.consumer.ack_pending", lag)).toBe(1);

    gate.open();
    // JetStream is asked at most every 5 s, so the drained lag shows within a few seconds.
    const caughtUp = await waitFor(
      async () => [
        await recorded("waybill.consumer.pending", lag),
        await recorded("waybill.consumer.ack_pending", lag),
      ],
      ([pending, ackPending]) => pending === 0 && ackPending === 0,
    );
    expect(caughtUp).toEqual([0, 0]);
    expect(await recorded("waybill.consumer.messages", { consumer: "lagging", outcome: "processed" })).toBe(3);
  });

  it("counts a processed and a duplicate delivery, with their processing time", async () => {
    await relay.start();
    const [id] = await fx.appendCommitted(1);
    const consumer = fx.consumer("counted", { accepts: (event) => event.id === id });
    await consumer.start();
    await waitUntil(
      () => fx.count("effects", "counted"),
      (n) => n === 1,
      "the event to be processed",
    );
    // The same event published again under another message id: the inbox skips it.
    const row = await fx.db
      .withSchema(fx.schema)
      .selectFrom("outbox")
      .select(["subject", "payload"])
      .where("id", "=", id!)
      .executeTakeFirstOrThrow();
    await fx.js.publish(row.subject, row.payload, { msgID: `copy-${id}` });
    const outcome = (name: string) => recorded("waybill.consumer.messages", { consumer: "counted", outcome: name });
    await waitUntil(
      () => outcome("duplicate"),
      (n) => n === 1,
      "the copy to be skipped",
    );
    expect(await outcome("processed")).toBe(1);
    expect(await outcome("failed")).toBeUndefined();
    expect(await fx.count("effects", "counted")).toBe(1);

    const [timing] = await pointsOf<sdkMetrics.Histogram>("messaging.process.duration", {
      "messaging.system": "nats",
      "messaging.operation.name": "process",
      "messaging.consumer.group.name": "counted",
      "messaging.destination.name": subject,
    });
    expect(timing?.value.count).toBe(2);
    expect(timing?.value.sum).toBeGreaterThan(0);

    const [processed] = processSpansOf(id!, "counted");
    expect(processed?.name).toBe(`process ${subject}`);
    expect(processed?.attributes["messaging.operation.name"]).toBe("process");
    expect(processed?.attributes["messaging.operation.type"]).toBe("process");
  });

  it("dead-letters an event loudly: an ERROR line with its ids, a span event and the counters", async () => {
    await relay.start();
    const lines: string[] = [];
    const { traceId, eventId } = await tracer.startActiveSpan("request", async (span) => {
      const [id] = await fx.appendCommitted(1);
      span.end();
      return { traceId: span.spanContext().traceId, eventId: id! };
    });
    let attempts = 0;
    const consumer = fx.consumer("doomed", {
      maxDeliver: 3,
      backoffMs: [50, 100],
      accepts: (event) => event.id === eventId,
      logger: createRecordingLogger(lines).child({ consumer: "doomed" }),
      handle: async () => {
        attempts++;
        throw new Error("handler bug");
      },
    });
    await consumer.start();
    const errorLine = await waitFor(
      async () => parsed(lines).find((line) => line.level === 50),
      (line) => line !== undefined,
    );
    expect(errorLine).toMatchObject({
      consumer: "doomed",
      eventId,
      eventType: "waybill.inventory.v1.ItemCreated",
      reason: "max_deliveries",
      deliveries: 3,
      trace_id: traceId,
      err: { message: "handler bug" },
    });
    expect(attempts).toBe(3);
    // The warnings before it promise retries that do happen; the last delivery promises none.
    const warnings = parsed(lines).filter((line) => line.level === 40);
    expect(warnings.map((line) => [line.deliveries, line.retryInMs])).toEqual([
      [1, 50],
      [2, 100],
    ]);

    // JetStream dead-letters it as the log says.
    const dead = await waitFor(
      () => listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "doomed" }),
      (found) => found.length === 1,
    );
    expect(dead[0]).toMatchObject({ reason: "max_deliveries", deliveries: 3, message: { eventId } });

    const deliveries = await waitFor(
      async () => processSpansOf(eventId, "doomed"),
      (found) => found.length === 3,
    );
    const last = deliveries.at(-1)!;
    expect(last.spanContext().traceId).toBe(traceId);
    expect(errorLine?.span_id).toBe(last.spanContext().spanId);
    expect(last.status.code).toBe(SpanStatusCode.ERROR);
    expect(last.events.find((event) => event.name === "waybill.dead_letter")?.attributes).toMatchObject({
      "waybill.dead_letter.reason": "max_deliveries",
      "waybill.delivery_count": 3,
      "messaging.message.id": eventId,
    });
    for (const earlier of deliveries.slice(0, 2)) {
      expect(earlier.events.some((event) => event.name === "waybill.dead_letter")).toBe(false);
      expect(earlier.status.code).toBe(SpanStatusCode.ERROR);
    }

    expect(
      await recorded("waybill.dead_letters", { consumer: "doomed", stream: fx.stream, reason: "max_deliveries" }),
    ).toBe(1);
    const outcome = (name: string) => recorded("waybill.consumer.messages", { consumer: "doomed", outcome: name });
    expect(await outcome("failed")).toBe(2);
    expect(await outcome("dead_lettered")).toBe(1);
    const [failed] = await pointsOf<sdkMetrics.Histogram>("messaging.process.duration", {
      "messaging.consumer.group.name": "doomed",
      "error.type": "Error",
    });
    expect(failed?.value.count).toBe(3);
  });

  it("terminates poison as a dead letter with the same signals, and counts the dead-letter stream", async () => {
    await relay.start();
    const lines: string[] = [];
    const consumer = fx.consumer("poison-watch", {
      filterSubject: `${fx.env.prefix}.inventory.Garbage`,
      logger: createRecordingLogger(lines),
    });
    await consumer.start();
    const traceId = await tracer.startActiveSpan("request", async (span) => {
      const h = headers();
      h.set("Waybill-Event-Type", "waybill.inventory.v1.Garbage");
      for (const [key, value] of Object.entries(injectTraceContext())) h.set(key, value);
      await fx.js.publish(`${fx.env.prefix}.inventory.Garbage`, new TextEncoder().encode("not protobuf \u0000\u00ff"), {
        msgID: "garbage-1",
        headers: h,
      });
      span.end();
      return span.spanContext().traceId;
    });
    const errorLine = await waitFor(
      async () => parsed(lines).find((line) => line.level === 50),
      (line) => line !== undefined,
    );
    expect(errorLine).toMatchObject({ eventId: "garbage-1", reason: "terminated", trace_id: traceId });
    const [poison] = await waitFor(
      async () => processSpansOf("garbage-1", "poison-watch"),
      (found) => found.length === 1,
    );
    expect(poison?.events.map((event) => event.name)).toContain("waybill.dead_letter");
    expect(
      await recorded("waybill.dead_letters", { consumer: "poison-watch", stream: fx.stream, reason: "terminated" }),
    ).toBe(1);
    expect(await recorded("waybill.consumer.messages", { consumer: "poison-watch", outcome: "dead_lettered" })).toBe(1);

    // Every dead letter of this file so far (this one, and the doomed event's when that test ran).
    await waitUntil(
      () => listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "poison-watch" }),
      (found) => found.length === 1,
      "the poison's advisory in the dead-letter stream",
    );
    const expected = (await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix })).length;
    const stop = observeDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, logger: fx.logger, maxAgeMs: 0 });
    try {
      const deadLetterStream = `${fx.env.prefix.toUpperCase()}_DEAD_LETTERS`;
      expect(await recorded("waybill.dead_letter.messages", { stream: deadLetterStream })).toBe(expected);
    } finally {
      await stop();
    }
  });

  it("writes a consumer's log lines inside the delivery's span", async () => {
    await relay.start();
    const lines: string[] = [];
    // The process logger's mixin (services/kit/logging), on a logger that records its lines.
    const logger = pino(
      { level: "info", mixin: activeTraceFields },
      { write: (line: string) => void lines.push(line) },
    );
    const [eventId] = await fx.appendCommitted(1);
    let attempts = 0;
    const consumer = fx.consumer("logged", {
      accepts: (event) => event.id === eventId,
      logger,
      handle: async () => {
        if (++attempts === 1) throw new Error("first delivery fails");
        logger.info("handled");
      },
    });
    await consumer.start();
    const written = await waitFor(
      async () => parsed(lines),
      (found) => found.some((line) => line.msg === "handled"),
    );
    const deliveries = await waitFor(
      async () => processSpansOf(eventId!, "logged"),
      (found) => found.length === 2,
    );
    const ids = deliveries.map((span) => [span.spanContext().traceId, span.spanContext().spanId]);
    const warned = written.find((line) => line.level === 40);
    expect([warned?.trace_id, warned?.span_id]).toEqual(ids[0]);
    const handled = written.find((line) => line.msg === "handled");
    expect([handled?.trace_id, handled?.span_id]).toEqual(ids[1]);
  });
});
