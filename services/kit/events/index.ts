/**
 * Domain events for Waybill services: the transactional outbox and its relay to JetStream,
 * durable consumers deduplicated through an inbox, and the dead-letter stream with redrive.
 */
export {
  EVENT_DOMAINS,
  assertEventPrefix,
  deadLetterStreamName,
  deadLetterSubjects,
  domainStreamName,
  domainSubjects,
  eventSubject,
  outboxChannel,
  type EventDomain,
} from "./naming.js";
export { EventHeaders } from "./event-headers.js";
export { connectNats, type ConnectNatsOptions } from "./connect-nats.js";
export { ensureStream, type StreamDefinition } from "./ensure-stream.js";
export { ensureEventStreams, type EnsureEventStreamsOptions } from "./ensure-event-streams.js";
export { ensureConsumer, type ConsumerDefinition } from "./ensure-consumer.js";
export {
  eventTables,
  eventTablesMigration,
  type EventTables,
  type InboxTable,
  type OutboxTable,
} from "./event-tables.js";
export {
  buildEnvelope,
  decodeEvent,
  encodeEnvelope,
  PoisonMessageError,
  type ConsumedEvent,
  type EventInput,
} from "./envelope.js";
export { createOutbox, type Outbox, type OutboxOptions, type OutboxRow } from "./outbox.js";
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type OutboxRelayStats } from "./outbox-relay.js";
export { publishWithRetry, type PublishRetryOptions } from "./publish-with-retry.js";
export { publishOutboxRow, type PublishOutboxRowContext } from "./publish-outbox-row.js";
export { createEventFeed, type EventFeed, type EventFeedOptions, type FeedListener } from "./event-feed.js";
export { createNotificationListener, type NotificationListener, type NotificationListenerOptions } from "./notification-listener.js";
export { createWakeSignal, type WakeSignal } from "./wake-signal.js";
export { createEventConsumer, type EventConsumer, type EventConsumerOptions } from "./event-consumer.js";
export { createLaneScheduler, type LaneScheduler } from "./lane-scheduler.js";
export {
  handleEventMessage,
  type EventHandler,
  type EventMessageContext,
  type EventMessageOutcome,
} from "./handle-event-message.js";
export type { ConsumerAdvisory, DeadLetter, DeadLetterReason, DeadMessage } from "./dead-letter.js";
export { listDeadLetters, type ListDeadLettersOptions } from "./list-dead-letters.js";
export { redriveDeadLetters, type RedriveDeadLettersOptions } from "./redrive-dead-letters.js";
export { DependencyUnavailableError } from "../database/index.js";
