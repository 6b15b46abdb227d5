/** A domain that publishes events (a service's name); each has its own stream. */
export type EventDomain = string;

/** A prefix must be one subject token and usable in a stream name. */
const PREFIX = /^[a-z][a-z0-9_]*$/;

/**
 * Throws unless `prefix` is a lower-case token (letters, digits, underscore). The prefix isolates
 * deployments and test runs from each other on one NATS server (`EVENT_PREFIX`).
 */
export function assertEventPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) {
    throw new Error(`invalid event prefix "${prefix}": use lower-case letters, digits and underscores`);
  }
}

/**
 * Subject of an event: `${prefix}.${domain}.${messageName}`.
 *
 * @example
 * eventSubject("waybill", "inventory", "StockChanged"); // "waybill.inventory.StockChanged"
 */
export function eventSubject(prefix: string, domain: EventDomain, messageName: string): string {
  return `${prefix}.${domain}.${messageName}`;
}

/**
 * Subject filter matching every event of a domain: `${prefix}.${domain}.>`.
 */
export function domainSubjects(prefix: string, domain: EventDomain): string {
  return `${prefix}.${domain}.>`;
}

/**
 * Stream holding a domain's events: `${PREFIX}_${DOMAIN}`.
 *
 * @example
 * domainStreamName("waybill", "inventory"); // "WAYBILL_INVENTORY"
 */
export function domainStreamName(prefix: string, domain: EventDomain): string {
  return `${prefix}_${domain}`.toUpperCase();
}

/**
 * Stream capturing the dead-letter advisories of all domain streams: `${PREFIX}_DEAD_LETTERS`.
 */
export function deadLetterStreamName(prefix: string): string {
  return `${prefix}_DEAD_LETTERS`.toUpperCase();
}

/**
 * Advisory subjects the dead-letter stream captures for one stream: a message that exhausted
 * `max_deliver`, and one a consumer terminated as poison.
 */
export function deadLetterSubjects(streamName: string): readonly string[] {
  return [
    `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${streamName}.*`,
    `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${streamName}.*`,
  ];
}

/**
 * PostgreSQL NOTIFY channel the outbox of `schema` signals on after a commit.
 */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}
