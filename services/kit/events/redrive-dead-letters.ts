import { JetStreamApiError, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import type { Logger } from "../logging/logger.js";
import { EventHeaders } from "./event-headers.js";
import { readDeadLetterEntries, readDeadMessage } from "./list-dead-letters.js";
import { deadLetterStreamName } from "./naming.js";
import { publishWithRetry } from "./publish-with-retry.js";

/** Options of {@link redriveDeadLetters}. */
export interface RedriveDeadLettersOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  /** Only dead letters of this durable consumer. */
  readonly consumer?: string;
  /** Only the dead letters with these sequences in the dead-letter stream. */
  readonly dlqSequences?: ReadonlySet<number>;
  readonly logger: Logger;
}

/** What {@link redriveChosenDeadLetters} did, by sequence in the dead-letter stream. */
export interface RedriveReport {
  /** Republished and removed from the dead-letter stream. */
  readonly redriven: readonly number[];
  /** Left in place: their original message is gone from its stream. */
  readonly left: readonly number[];
}

/** Headers JetStream interprets on publish; a redrive must not carry the original's. */
const PUBLISH_CONTROL = /^Nats-(Msg-Id|Expected-)/i;

/**
 * Republishes each dead message to its original subject, unchanged (same envelope, same event
 * id) but under a fresh `Nats-Msg-Id` (`${eventId}:redrive:${dlqSequence}`) so the stream stores
 * it again, then deletes the advisory. Consumers that already processed the event skip it
 * through their inbox; the one that failed gets a fresh `max_deliver` budget. Only the chosen dead
 * letters' messages are read (the advisories alone select them). A crash between
 * publish and delete republishes the same id, which the duplicate window drops. Dead letters
 * whose original is gone are left in place. Returns how many were redriven.
 *
 * @example
 * const count = await redriveDeadLetters({ js, jsm, prefix: "waybill", consumer: "fleet-orders", logger });
 */
export async function redriveDeadLetters(options: RedriveDeadLettersOptions): Promise<number> {
  return (await redriveChosenDeadLetters(options)).redriven.length;
}

/**
 * {@link redriveDeadLetters}, reporting which sequences were redriven and which were left in
 * place. Safe to run twice at once on the same dead letters: both publish the same
 * `Nats-Msg-Id` (the stream keeps one) and an advisory deleted by the other counts as redriven.
 *
 * @example
 * const { redriven, left } = await redriveChosenDeadLetters({ js, jsm, prefix, dlqSequences: new Set([7]), logger });
 */
export async function redriveChosenDeadLetters(options: RedriveDeadLettersOptions): Promise<RedriveReport> {
  const { js, jsm, logger, dlqSequences } = options;
  const dlq = deadLetterStreamName(options.prefix);
  // The advisories alone say which are chosen: only those have their message read from its stream.
  const chosen = (
    await readDeadLetterEntries(jsm, options.prefix, {
      ...(options.consumer === undefined ? {} : { consumer: options.consumer }),
    })
  ).filter((entry) => dlqSequences === undefined || dlqSequences.has(entry.dlqSequence));
  const redriven: number[] = [];
  const left: number[] = [];
  for (const dead of chosen) {
    const message = await readDeadMessage(jsm, dead.stream, dead.streamSequence);
    if (message === undefined) {
      logger.warn({ stream: dead.stream, seq: dead.streamSequence }, "dead letter's message is gone; left in place");
      left.push(dead.dlqSequence);
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
    await deleteAdvisory(jsm, dlq, dead.dlqSequence);
    logger.info(
      { eventId: message.eventId, consumer: dead.consumer, subject: message.subject },
      "dead letter redriven",
    );
    redriven.push(dead.dlqSequence);
  }
  return { redriven, left };
}

/** Deletes an advisory; one already deleted (by a concurrent redrive of it) is fine. */
async function deleteAdvisory(jsm: JetStreamManager, dlq: string, seq: number): Promise<void> {
  try {
    await jsm.streams.deleteMessage(dlq, seq);
  } catch (error) {
    if (error instanceof JetStreamApiError && /no message found/i.test(error.message)) return;
    throw error;
  }
}
