import type { DescMessage, Message, MessageInitShape, Registry } from "@bufbuild/protobuf";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, anyUnpack, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { EventEnvelope } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";

/** Event ids are UUIDs (the inbox stores them as `uuid`). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a producer says about one event; the rest of the envelope is filled in. */
export interface EventInput<Desc extends DescMessage> {
  /** Generated schema of the payload, e.g. `StockChangedSchema`. */
  readonly schema: Desc;
  /** The payload: a message, or the fields to create one from. */
  readonly payload: MessageInitShape<Desc>;
  readonly aggregateId: string;
  /** Brand id; empty for platform-wide events. */
  readonly tenant: string;
}

/** An event as handed to a consumer's handler. */
export interface ConsumedEvent {
  readonly id: string;
  /** Fully-qualified payload type, e.g. `waybill.inventory.v1.StockChanged`. */
  readonly type: string;
  readonly aggregateId: string;
  readonly tenant: string;
  readonly time: Date;
  /** The typed payload; narrow it with `isMessage(event.payload, StockChangedSchema)`. */
  readonly payload: Message;
  readonly subject: string;
  readonly traceContext: Readonly<Record<string, string>>;
}

/** Thrown when a message cannot be decoded: retrying cannot help, so it is terminated. */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PoisonMessageError";
  }
}

/**
 * Builds the envelope of a new event (fresh UUID, the given time and trace context).
 *
 * @example
 * const envelope = buildEnvelope({ schema: StockLowSchema, payload, aggregateId, tenant }, {});
 */
export function buildEnvelope<Desc extends DescMessage>(
  input: EventInput<Desc>,
  traceContext: Readonly<Record<string, string>>,
  time: Date = new Date(),
): EventEnvelope {
  return create(EventEnvelopeSchema, {
    id: crypto.randomUUID(),
    type: input.schema.typeName,
    aggregateId: input.aggregateId,
    tenant: input.tenant,
    time: timestampFromDate(time),
    traceContext: { ...traceContext },
    payload: anyPack(input.schema, create(input.schema, input.payload)),
  });
}

/** Serializes an envelope for the outbox and the wire. */
export function encodeEnvelope(envelope: EventEnvelope): Uint8Array {
  return toBinary(EventEnvelopeSchema, envelope);
}

/**
 * Decodes a message body into a {@link ConsumedEvent}, unpacking the payload with `registry`.
 * Throws {@link PoisonMessageError} for bytes that are not an envelope or a payload type the
 * registry does not know.
 */
export function decodeEvent(data: Uint8Array, subject: string, registry: Registry): ConsumedEvent {
  let envelope: EventEnvelope;
  try {
    envelope = fromBinary(EventEnvelopeSchema, data);
  } catch (error) {
    throw new PoisonMessageError(`message on ${subject} is not an EventEnvelope`, { cause: error });
  }
  if (!UUID.test(envelope.id) || envelope.payload === undefined) {
    throw new PoisonMessageError(`envelope on ${subject} has no UUID id or no payload`);
  }
  let payload: Message | undefined;
  try {
    payload = anyUnpack(envelope.payload, registry);
  } catch (error) {
    throw new PoisonMessageError(`payload of event ${envelope.id} does not decode`, { cause: error });
  }
  if (payload === undefined) {
    throw new PoisonMessageError(`payload type ${envelope.payload.typeUrl} of event ${envelope.id} is not registered`);
  }
  return {
    id: envelope.id,
    type: envelope.type,
    aggregateId: envelope.aggregateId,
    tenant: envelope.tenant,
    time: envelope.time === undefined ? new Date(0) : timestampDate(envelope.time),
    payload,
    subject,
    traceContext: envelope.traceContext,
  };
}
