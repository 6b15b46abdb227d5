import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type DeadLetter as DeadLetterMessage,
  DeadLetterReason,
  DeadLetterSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import type { DeadLetter, DeadLetterReason as ReasonName } from "../events/index.js";

const reasons: Readonly<Record<ReasonName, DeadLetterReason>> = {
  max_deliveries: DeadLetterReason.MAX_DELIVERIES,
  terminated: DeadLetterReason.TERMINATED,
};

/**
 * A dead letter of the kit (`listDeadLetters`, `readDeadMessage`) as the contract's `DeadLetter`.
 *
 * @example
 * const message = toDeadLetterMessage(dead);
 */
export function toDeadLetterMessage(dead: DeadLetter): DeadLetterMessage {
  const { message } = dead;
  return create(DeadLetterSchema, {
    dlqSequence: BigInt(dead.dlqSequence),
    deadTime: timestampFromDate(dead.deadAt),
    reason: reasons[dead.reason],
    consumer: dead.consumer,
    stream: dead.stream,
    streamSequence: BigInt(dead.streamSequence),
    deliveries: dead.deliveries,
    eventType: message?.eventType ?? "",
    eventId: message?.eventId ?? "",
    subject: message?.subject ?? "",
    messageGone: message === undefined,
  });
}
