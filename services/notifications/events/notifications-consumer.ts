import type { EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import { type NotificationsContext, prepareEvent, recordEvent, wantsEvent } from "../operations/index.js";
import type { NotificationsDatabase } from "../storage/index.js";

/**
 * `notifications-activity-<domain>`: the durable consumer of one domain's events (the name is the
 * first version's, kept so an upgrade does not replay the stream). Each event is first prepared
 * by {@link prepareEvent} with no transaction open (a customer unknown here is asked of Orders
 * then), and handled by {@link recordEvent} in the transaction that also writes the kit's inbox
 * row, so a redelivered event changes nothing; replicas share the consumer. The unique (event,
 * channel, recipient) of notifications and the unique event of the activity feed are a second
 * guard, for a replay after the inbox was pruned.
 */
export function createNotificationsConsumer(
  domain: string,
  ctx: NotificationsContext,
  events: ServiceEvents<NotificationsDatabase>,
): EventConsumer {
  return events.consumer({
    name: `notifications-activity-${domain}`,
    from: domain,
    accepts: wantsEvent,
    prepare: (event) => prepareEvent(ctx, event),
    handle: (event, trx, prepared) => recordEvent(trx, ctx, event, prepared),
  });
}
