/**
 * Domain events: the transactional outbox and its relay to JetStream, durable consumers
 * deduplicated through an inbox, live feeds, and the dead-letter stream with redrive. How they fit
 * together: `services/kit/README.md`.
 */

// What the app wires.
export { connectNats } from "./connect-nats.js";
// What operators' tools use (`npm run dlq`).
export type { DeadLetter, DeadLetterReason, DeadMessage } from "./dead-letter.js";
export { parseAdvisory } from "./dead-letter.js";
// The building blocks, for the kit's own tests and for tests that play another service.
export { type DeleteExpiredInboxRowsOptions, deleteExpiredInboxRows } from "./delete-expired-inbox-rows.js";
export { ensureEventStreams } from "./ensure-event-streams.js";
// What a service uses (handed to it in `ServiceDeps`).
export type { ConsumedEvent, EventInput } from "./envelope.js";
export { buildEnvelope, decodeEvent, encodeEnvelope } from "./envelope.js";
export type { EventConsumer } from "./event-consumer.js";
export { createEventConsumer, type EventConsumerOptions, type EventConsumerSettings } from "./event-consumer.js";
export type { EventFeed } from "./event-feed.js";
export {
  type EventTables,
  eventTablesMigration,
  inboxRetentionMigration,
  type OutboxTable,
  outboxClaimsMigration,
} from "./event-tables.js";
export type {
  EventHandler,
  EventHandling,
  EventPreparer,
  PlainEventHandling,
  PreparedEventHandling,
} from "./handle-event-message.js";
export {
  type DeadLetterEntry,
  type DeadLetterFilter,
  listDeadLetters,
  readDeadLetterEntries,
  readDeadMessage,
} from "./list-dead-letters.js";
export { deadLetterStreamName, domainStreamName, eventSubject, outboxChannel } from "./naming.js";
export { createNotificationListener } from "./notification-listener.js";
export { type ObserveDeadLettersOptions, observeDeadLetters } from "./observe-dead-letters.js";
export type { Outbox } from "./outbox.js";
export { createOutbox } from "./outbox.js";
export { readOutboxBacklog } from "./outbox-backlog.js";
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from "./outbox-relay.js";
export { outboxWakeupMigration } from "./outbox-wakeup.js";
export { readStream } from "./read-stream.js";
export { type RedriveReport, redriveChosenDeadLetters, redriveDeadLetters } from "./redrive-dead-letters.js";
export type { DomainConsumerOptions, DomainConsumerSettings, ServiceEvents } from "./service-events.js";
export { createServiceEvents } from "./service-events.js";
export { createWakeSignal } from "./wake-signal.js";
