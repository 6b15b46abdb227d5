/**
 * Domain events for Waybill services: the transactional outbox and its relay to JetStream,
 * durable consumers deduplicated through an inbox, and the dead-letter stream with redrive.
 */

export { DependencyUnavailableError } from "../database/index.js";
export { type ConnectNatsOptions, connectNats } from "./connect-nats.js";
export type { ConsumerAdvisory, DeadLetter, DeadLetterReason, DeadMessage } from "./dead-letter.js";
export { type ConsumerDefinition, ensureConsumer } from "./ensure-consumer.js";
export { type EnsureEventStreamsOptions, ensureEventStreams } from "./ensure-event-streams.js";
export { ensureStream, type StreamDefinition } from "./ensure-stream.js";
export {
  buildEnvelope,
  type ConsumedEvent,
  decodeEvent,
  type EventInput,
  encodeEnvelope,
  PoisonMessageError,
} from "./envelope.js";
export { createEventConsumer, type EventConsumer, type EventConsumerOptions } from "./event-consumer.js";
export { createEventFeed, type EventFeed, type EventFeedOptions, type FeedListener } from "./event-feed.js";
export { EventHeaders } from "./event-headers.js";
export {
  type EventTables,
  eventTables,
  eventTablesMigration,
  type InboxTable,
  type OutboxTable,
} from "./event-tables.js";
export {
  type EventHandler,
  type EventMessageContext,
  type EventMessageOutcome,
  handleEventMessage,
} from "./handle-event-message.js";
export { createLaneScheduler, type LaneScheduler } from "./lane-scheduler.js";
export { type ListDeadLettersOptions, listDeadLetters } from "./list-dead-letters.js";
export {
  assertEventPrefix,
  deadLetterStreamName,
  deadLetterSubjects,
  domainStreamName,
  domainSubjects,
  EVENT_DOMAINS,
  type EventDomain,
  eventSubject,
  outboxChannel,
} from "./naming.js";
export {
  createNotificationListener,
  type NotificationListener,
  type NotificationListenerOptions,
} from "./notification-listener.js";
export { createOutbox, type Outbox, type OutboxOptions, type OutboxRow } from "./outbox.js";
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type OutboxRelayStats } from "./outbox-relay.js";
export { type PublishOutboxRowContext, publishOutboxRow } from "./publish-outbox-row.js";
export { type PublishRetryOptions, publishWithRetry } from "./publish-with-retry.js";
export { type RedriveDeadLettersOptions, redriveDeadLetters } from "./redrive-dead-letters.js";
export { createWakeSignal, type WakeSignal } from "./wake-signal.js";
