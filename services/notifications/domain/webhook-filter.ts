/** What decides whether a webhook receives an event. */
export interface WebhookSubscription {
  readonly brandId: string;
  /** Fully-qualified event types; empty for every event of the brand. */
  readonly eventTypes: readonly string[];
  /** When it was registered: it receives events from then on, never older ones (a replay). */
  readonly createdAt: Date;
}

/** The event, as far as webhooks care. */
export interface WebhookEventFacts {
  readonly type: string;
  /** The brand the event belongs to; empty for platform-wide events, which go to no webhook. */
  readonly tenant: string;
  readonly time: Date;
}

/**
 * True when `webhook` receives `event`: an event of its own brand, of a type it chose (or any),
 * that happened after it was registered, and not an event of Notifications itself (a failing
 * endpoint must not feed its own failures back to itself).
 *
 * @example
 * webhookWants({ brandId: "acme", eventTypes: ["waybill.orders.v1.OrderPlaced"], createdAt }, { type: "waybill.orders.v1.OrderPlaced", tenant: "acme", time }) // => true
 */
export function webhookWants(webhook: WebhookSubscription, event: WebhookEventFacts): boolean {
  if (!event.tenant || event.tenant !== webhook.brandId) return false;
  if (event.type.startsWith("waybill.notifications.")) return false;
  if (event.time.getTime() < webhook.createdAt.getTime()) return false;
  return webhook.eventTypes.length === 0 || webhook.eventTypes.includes(event.type);
}
