import type { JetStreamClient, PubAck } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import type { Tracer } from "@opentelemetry/api";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Selectable } from "kysely";
import type { Logger } from "../logging/logger.js";
import { extractTraceContext, injectTraceContext } from "../telemetry/trace-context.js";
import type { OutboxTable } from "./event-tables.js";
import { publishWithRetry } from "./publish-with-retry.js";

/** What {@link publishOutboxRow} needs besides the row. */
export interface PublishOutboxRowContext {
  readonly js: JetStreamClient;
  readonly tracer: Tracer;
  readonly logger: Logger;
  /** Checked between retries; false gives up (shutdown, or the relay's lease has passed). */
  readonly keepTrying: () => boolean;
}

/**
 * Publishes one outbox row with its event id as `Nats-Msg-Id`, inside a PRODUCER span that
 * continues the trace stored with the row. The message carries the publish span's context, so
 * a consumer's span hangs below it: request → publish → process.
 */
export async function publishOutboxRow(
  row: Pick<Selectable<OutboxTable>, "id" | "subject" | "payload" | "headers">,
  ctx: PublishOutboxRowContext,
): Promise<PubAck> {
  const attributes = {
    "messaging.system": "nats",
    "messaging.destination.name": row.subject,
    "messaging.message.id": row.id,
  };
  const parent = extractTraceContext(row.headers);
  return ctx.tracer.startActiveSpan(
    `publish ${row.subject}`,
    { kind: SpanKind.PRODUCER, attributes },
    parent,
    async (span) => {
      try {
        const headers = natsHeaders();
        for (const [key, value] of Object.entries({ ...row.headers, ...injectTraceContext() })) headers.set(key, value);
        return await publishWithRetry(ctx.js, row.subject, row.payload, { msgID: row.id, headers }, ctx);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
