import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DependencyUnavailableError } from "../../services/kit/database/index.js";
import { handleEventBatch } from "../../services/kit/events/handle-event-batch.js";
import type { EventMessageContext } from "../../services/kit/events/handle-event-message.js";
import type { ConsumedEvent, EventHandler } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import { type BatchProbes, startBatchFixture, transactionsOf } from "./batch-probes.js";
import type { EventFixture, FixtureDb } from "./event-fixture.js";

/**
 * One batch of chosen messages (pulled by hand): its events in one transaction, each once; a batch
 * that fails goes again one event at a time, so retries and dead letters stay per event.
 * Whole consumers batching: `consumer-batching.test.ts`.
 */
describe("a batch of messages", () => {
  let fx: EventFixture;
  let probes: BatchProbes;

  beforeAll(async () => {
    ({ fx, probes } = await startBatchFixture());
  });
  afterAll(() => fx?.destroy());

  /** Waits until JetStream has processed every ack: acks are sent without waiting for a reply. */
  async function acknowledged(name: string): Promise<void> {
    await waitUntil(
      () => probes.ackPending(name),
      (pending) => pending === 0,
      `consumer ${name} to have no ack pending`,
    );
  }

  /** The settings a consumer gives a batch; `handle` records an effect. */
  function batchContext<P = undefined>(
    name: string,
    overrides: Partial<EventMessageContext<FixtureDb, P>> = {},
  ): EventMessageContext<FixtureDb, P> {
    return {
      db: fx.db,
      schema: fx.schema,
      name,
      registry: fx.registry,
      backoffMs: [50],
      tracer: trace.getTracer("test"),
      logger: fx.logger,
      handle: probes.recordEffect(name),
      ...overrides,
    } as EventMessageContext<FixtureDb, P>;
  }

  it("handles the events of a batch in one transaction, a repeated event once", async () => {
    const { name, pull } = await probes.pullingConsumer();
    const ids = await probes.published(4);
    await probes.publishCopy(ids[2]!); // the same event twice in one batch
    const messages = await pull(5);
    await handleEventBatch(
      messages.map((msg) => ({ msg })),
      batchContext(name),
    );
    const written = await probes.effects(name);
    expect([...written.keys()]).toEqual(ids);
    expect([...written.values()].every((txs) => txs.length === 1)).toBe(true);
    expect(transactionsOf(written)).toBe(1);
    expect(ids.map((id) => probes.runs.get(id))).toEqual([1, 1, 1, 1]);
    expect(await probes.inboxIds(name)).toEqual([...ids].sort());
    await acknowledged(name);
  });

  it("skips an event handled before when its redelivery comes in a later batch", async () => {
    const { name, pull } = await probes.pullingConsumer();
    const [a, b, c] = await probes.published(3);
    // The process "dies" after committing b, before acknowledging it.
    await handleEventBatch(
      (await pull(3)).map((msg) => ({ msg })),
      batchContext(name, {
        afterCommit: (event) => {
          if (event.id === b) throw new Error("crashed before ack");
        },
      }),
    );
    await probes.publishCopy(a!);
    const [d] = await probes.published(1);
    // b comes back after its ack wait, with a's second copy and a new event.
    const again = await pull(3);
    expect(again.map((msg) => msg.info.deliveryCount).sort()).toEqual([1, 1, 2]);
    await handleEventBatch(
      again.map((msg) => ({ msg })),
      batchContext(name),
    );
    const written = await probes.effects(name);
    expect([...written.keys()]).toEqual([a, b, c, d]);
    expect([...written.values()].map((txs) => txs.length)).toEqual([1, 1, 1, 1]);
    expect([a, b, c, d].map((id) => probes.runs.get(id!))).toEqual([1, 1, 1, 1]);
    await acknowledged(name);
  });

  it("rolls back a batch whose handler fails and handles its events one by one: only the failing one is given back", async () => {
    const { name, pull } = await probes.pullingConsumer();
    const ids = await probes.published(4);
    const bad = ids[1]!;
    const ctx = batchContext(name, {
      handle: probes.recordEffect(name, (event) => (event.id === bad ? new Error("handler bug") : undefined)),
    });
    await handleEventBatch(
      (await pull(4)).map((msg) => ({ msg })),
      ctx,
    );
    const written = await probes.effects(name);
    const good = ids.filter((id) => id !== bad);
    expect([...written.keys()]).toEqual(good);
    // One by one after the rollback: a transaction each.
    expect(transactionsOf(written)).toBe(3);
    // The first event ran in the rolled-back batch and again alone; those after the failing one only alone.
    expect(ids.map((id) => probes.runs.get(id))).toEqual([2, 2, 1, 1]);
    expect(await probes.inboxIds(name)).toEqual([...good].sort());
    // The failing event was given back with its backoff and comes again, its attempt counted.
    const [retried] = await pull(1);
    expect(retried?.info.deliveryCount).toBe(2);
    expect(await fx.count("inbox", name)).toBe(3);
    retried?.ack();
  });

  it("retries a batch in place while the database is unavailable, spending no delivery", async () => {
    const { name, pull } = await probes.pullingConsumer();
    const ids = await probes.published(3);
    let outages = 2;
    const messages = await pull(3);
    await handleEventBatch(
      messages.map((msg) => ({ msg })),
      batchContext(name, {
        keepWaiting: () => true,
        handle: probes.recordEffect(name, (event) =>
          event.id === ids[2] && outages-- > 0
            ? new DependencyUnavailableError("PostgreSQL", "127.0.0.1:5432", new Error("connection refused"))
            : undefined,
        ),
      }),
    );
    const written = await probes.effects(name);
    expect([...written.keys()]).toEqual(ids);
    expect(transactionsOf(written)).toBe(1); // still one transaction
    expect(ids.map((id) => probes.runs.get(id))).toEqual([3, 3, 3]);
    await acknowledged(name);
    expect((await fx.jsm.consumers.info(fx.stream, name)).num_redelivered).toBe(0);
  });

  it("gives back an event whose preparation fails and commits the others together", async () => {
    const { name, pull } = await probes.pullingConsumer();
    const ids = await probes.published(3);
    const prepared: string[] = [];
    await handleEventBatch(
      (await pull(3)).map((msg) => ({ msg })),
      batchContext<string>(name, {
        prepare: async (event) => {
          if (event.id === ids[0]) throw new Error("peer refuses");
          prepared.push(event.id);
          return event.id;
        },
        handle: async (event: ConsumedEvent, trx: Transaction<FixtureDb>, value: string) => {
          expect(value).toBe(event.id);
          await probes.recordEffect(name)(event, trx, undefined);
        },
      }),
    );
    const written = await probes.effects(name);
    expect([...written.keys()]).toEqual(ids.slice(1));
    expect(transactionsOf(written)).toBe(1);
    expect(prepared.sort()).toEqual(ids.slice(1).sort());
    const [retried] = await pull(1);
    expect(retried?.info.deliveryCount).toBe(2);
    retried?.ack();
  });

  it("gives each event of a batch its own process span, continuing its producer's trace", async () => {
    // What the SDK does at process start: the propagator and context manager are process-wide.
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer("test");
    try {
      const { name, pull } = await probes.pullingConsumer();
      const producers: { readonly id: string; readonly traceId: string }[] = [];
      for (let i = 0; i < 3; i++) {
        producers.push(
          await tracer.startActiveSpan("PlaceOrder", async (span) => {
            const [id] = await fx.appendCommitted(1);
            span.end();
            return { id: id!, traceId: span.spanContext().traceId };
          }),
        );
      }
      await probes.allPublished();
      const activeInHandler = new Map<string, string | undefined>();
      const handle: EventHandler<FixtureDb> = async (event, trx) => {
        activeInHandler.set(event.id, trace.getActiveSpan()?.spanContext().spanId);
        await probes.recordEffect(name)(event, trx, undefined);
      };
      await handleEventBatch(
        (await pull(3)).map((msg) => ({ msg })),
        batchContext(name, { tracer, handle }),
      );
      const spans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CONSUMER);
      expect(spans.map((span) => [span.attributes["messaging.message.id"], span.spanContext().traceId])).toEqual(
        producers.map(({ id, traceId }) => [id, traceId]),
      );
      expect(spans.map((span) => span.attributes["messaging.batch.message_count"])).toEqual([3, 3, 3]);
      // The transaction's own statements go in one span linked to the events'.
      const commits = exporter.getFinishedSpans().filter((span) => span.name === `commit batch ${name}`);
      expect(commits.map((span) => span.links.map((link) => link.context.spanId))).toEqual([
        spans.map((span) => span.spanContext().spanId),
      ]);
      // Each handler runs inside its own event's span.
      expect(producers.map(({ id }) => activeInHandler.get(id))).toEqual(
        spans.map((span) => span.spanContext().spanId),
      );
      expect(transactionsOf(await probes.effects(name))).toBe(1);
    } finally {
      propagation.disable();
      context.disable();
      await provider.shutdown();
    }
  });
});
