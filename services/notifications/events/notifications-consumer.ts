import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import {
  createEventConsumer,
  domainStreamName,
  domainSubjects,
  type EventConsumer,
  type EventDomain,
} from "../../kit/events/index.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { recordEvent, wantsEvent } from "../operations/record-event.js";

/** Connections the consumers need. */
export interface NotificationsConsumerDeps {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
}

/**
 * `notifications-activity-<domain>`: the durable consumer of one domain's events (the name is the
 * first version's, kept so an upgrade does not replay the stream). Each event is handled by
 * {@link recordEvent} in the transaction that also writes the kit's inbox row, so a redelivered
 * event changes nothing; replicas share the consumer. The unique (event, channel, recipient) of
 * notifications and the unique event of the activity feed are a second guard, for a replay
 * after the inbox was pruned.
 */
export function createNotificationsConsumer(
  domain: EventDomain,
  ctx: NotificationsContext,
  deps: NotificationsConsumerDeps,
): EventConsumer {
  return createEventConsumer({
    db: ctx.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: "notifications",
    name: `notifications-activity-${domain}`,
    stream: domainStreamName(deps.prefix, domain),
    filterSubject: domainSubjects(deps.prefix, domain),
    registry: ctx.registry,
    logger: ctx.logger,
    accepts: wantsEvent,
    handle: (event, trx) => recordEvent(trx, ctx, event),
  });
}
