import { performance } from "node:perf_hooks";
import type { JetStreamClient, PubAck } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import type { Tracer } from "@opentelemetry/api";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Selectable } from "kysely";
import type { Logger } from "../logging/logger.js";
import { extractTraceContext, injectTraceContext } from "../telemetry/trace-context.js";
import { type EventMetrics, errorType } from "./event-metrics.js";
import type { OutboxTable } from "./event-tables.js";
import { publishWithRetry } from "./publish-with-retry.js";

/** What {@link publishOutboxRow} needs besides the row. */
export interface PublishOutboxRowContext {
  readonly js: JetStreamClient;
  readonly tracer: Tracer;
  readonly logger: Logger;
  /** Where `messaging.client.operation.duration` goes (unset: not recorded). */
  readonly metrics?: Pick<EventMetrics, "publishDuration">;
  /** Checked between retries; false gives up (shutdown, or the relay's lease has passed). */
  readonly keepTrying: () => boolean;
}

/**
 * Publishes one outbox row with its event id as `Nats-Msg-Id`, inside a PRODUCER span that
 * continues the trace stored with the row. The message carries the publish span's context, so
 * a consumer's span hangs below it: request → publish → process. Its duration, retries included,
 * is also recorded as `messaging.client.operation.duration`.
 */
export async function publishOutboxRow(
  row: Pick<Selectable<OutboxTable>, "id" | "subject" | "payload" | "headers">,
  ctx: PublishOutboxRowContext,
): Promise<PubAck> {
  // Operation name as NATS calls it; its type ("send") as the messaging conventions classify it.
  const operation = {
    "messaging.system": "nats",
    "messaging.operation.name": "publish",
    "messaging.operation.type": "send",
    "messaging.destination.name": row.subject,
  };
  const parent = extractTraceContext(row.headers);
  return ctx.tracer.startActiveSpan(
    `publish ${row.subject}`,
    { kind: SpanKind.PRODUCER, attributes: { ...operation, "messaging.message.id": row.id } },
    parent,
    async (span) => {
      const started = performance.now();
      let failure: { readonly "error.type": string } | undefined;
      try {
        const headers = natsHeaders();
        for (const [key, value] of Object.entries({ ...row.headers, ...injectTraceContext() })) headers.set(key, value);
        return await publishWithRetry(ctx.js, row.subject, row.payload, { msgID: row.id, headers }, ctx);
      } catch (error) {
        failure = { "error.type": errorType(error) };
        span.setAttributes(failure);
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        ctx.metrics?.publishDuration.record((performance.now() - started) / 1000, { ...operation, ...failure });
        span.end();
      }
    },
  );
}
