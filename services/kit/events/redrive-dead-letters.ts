import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import type { Logger } from "../logging/logger.js";
import { EventHeaders } from "./event-headers.js";
import { listDeadLetters } from "./list-dead-letters.js";
import { deadLetterStreamName } from "./naming.js";
import { publishWithRetry } from "./publish-with-retry.js";

/** Options of {@link redriveDeadLetters}. */
export interface RedriveDeadLettersOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  /** Only dead letters of this durable consumer. */
  readonly consumer?: string;
  readonly logger: Logger;
}

/** Headers JetStream interprets on publish; a redrive must not carry the original's. */
const PUBLISH_CONTROL = /^Nats-(Msg-Id|Expected-)/i;

/**
 * Republishes each dead message to its original subject, unchanged (same envelope, same event
 * id) but under a fresh `Nats-Msg-Id` (`${eventId}:redrive:${dlqSequence}`) so the stream stores
 * it again, then deletes the advisory. Consumers that already processed the event skip it
 * through their inbox; the one that failed gets a fresh `max_deliver` budget. A crash between
 * publish and delete republishes the same id, which the duplicate window drops. Dead letters
 * whose original is gone are left in place. Returns how many were redriven.
 *
 * @example
 * const count = await redriveDeadLetters({ js, jsm, prefix: "waybill", consumer: "fleet-orders", logger });
 */
export async function redriveDeadLetters(options: RedriveDeadLettersOptions): Promise<number> {
  const { js, jsm, logger } = options;
  const dlq = deadLetterStreamName(options.prefix);
  const deadLetters = await listDeadLetters(options);
  let redriven = 0;
  for (const dead of deadLetters) {
    const { message } = dead;
    if (message === undefined) {
      logger.warn({ stream: dead.stream, seq: dead.streamSequence }, "dead letter's message is gone; left in place");
      continue;
    }
    const headers = natsHeaders();
    for (const key of message.headers?.keys() ?? []) {
      if (PUBLISH_CONTROL.test(key)) continue;
      for (const value of message.headers?.values(key) ?? []) headers.append(key, value);
    }
    headers.set(EventHeaders.EventId, message.eventId);
    const msgID = `${message.eventId}:redrive:${dead.dlqSequence}`;
    await publishWithRetry(js, message.subject, message.data, { msgID, headers }, { logger });
    await jsm.streams.deleteMessage(dlq, dead.dlqSequence);
    logger.info(
      { eventId: message.eventId, consumer: dead.consumer, subject: message.subject },
      "dead letter redriven",
    );
    redriven++;
  }
  return redriven;
}
