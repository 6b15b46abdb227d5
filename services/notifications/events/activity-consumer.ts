import type { Registry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { createEventConsumer, domainStreamName, domainSubjects, type EventConsumer, type EventDomain } from "../../kit/events/index.js";
import { summarizeEvent } from "../domain/summarize-event.js";
import { recordActivity } from "../storage/activity-store.js";
import type { NotificationsDatabase } from "../storage/notifications-database.js";

/** What the activity consumer needs. */
export interface ActivityConsumerDeps {
  readonly db: Kysely<NotificationsDatabase>;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly registry: Registry;
  readonly prefix: string;
  readonly logger: Logger;
}

/**
 * Records the events of one domain into the activity feed. The kit's inbox makes each event
 * count once however often JetStream delivers it; the unique event id on `activity` is a second
 * guard for a replay after the inbox was pruned.
 */
export function createActivityConsumer(domain: EventDomain, deps: ActivityConsumerDeps): EventConsumer {
  return createEventConsumer({
    db: deps.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: "notifications",
    name: `notifications-activity-${domain}`,
    stream: domainStreamName(deps.prefix, domain),
    filterSubject: domainSubjects(deps.prefix, domain),
    registry: deps.registry,
    logger: deps.logger,
    accepts: (event) => summarizeEvent(event.payload) !== undefined,
    async handle(event, trx) {
      const summary = summarizeEvent(event.payload);
      if (!summary) return;
      await recordActivity(trx, {
        event_id: event.id,
        event_type: event.type,
        aggregate_id: event.aggregateId,
        brand_id: event.tenant,
        customer_id: summary.customerId ?? "",
        order_id: summary.orderId ?? "",
        summary: summary.summary,
        event_time: event.time,
      });
    },
  });
}
