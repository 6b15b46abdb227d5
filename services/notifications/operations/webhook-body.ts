import { create, type Registry, toJsonString } from "@bufbuild/protobuf";
import { anyPack, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import type { ConsumedEvent } from "../../kit/events/index.js";

/**
 * The body of a webhook delivery: the event's `waybill.common.v1.EventEnvelope` in its canonical
 * protobuf JSON form (the payload as a JSON `Any` with its `@type`). Stored with the delivery, so
 * every attempt sends, and signs, the same bytes. The envelope's internal `traceContext` stays
 * out: third parties get the trace as a `traceparent` header, per attempt (see `postWebhook`).
 */
export function webhookBody(event: ConsumedEvent, registry: Registry): string {
  const schema = registry.getMessage(event.type);
  if (!schema) throw new Error(`event type ${event.type} is not registered`);
  const envelope = create(EventEnvelopeSchema, {
    id: event.id,
    type: event.type,
    aggregateId: event.aggregateId,
    tenant: event.tenant,
    time: timestampFromDate(event.time),
    payload: anyPack(schema, event.payload),
  });
  return toJsonString(EventEnvelopeSchema, envelope, { registry });
}
