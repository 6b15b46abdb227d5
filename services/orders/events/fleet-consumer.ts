import type { Registry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import { createEventConsumer, domainStreamName, domainSubjects, type EventConsumer } from "../../kit/events/index.js";
import { applyDeliveryEvent } from "../operations/apply-delivery-event.js";
import type { OrdersDatabase } from "../storage/index.js";

/** What the Fleet consumer needs. */
export interface FleetConsumerDeps {
  readonly db: Kysely<OrdersDatabase>;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly registry: Registry;
  readonly prefix: string;
  /** The orders outbox, for the events of the moves the delivery events cause. */
  readonly outbox: Outbox;
  readonly logger: Logger;
}

/**
 * Durable consumer `orders-fleet` of the fleet stream: moves orders through the delivery states
 * and logs recalled and aborted deliveries. The kit's inbox makes each event count once however
 * often JetStream delivers it; the forward-only rule of the delivery states makes a late or
 * repeated report (under another event id) change nothing.
 */
export function createFleetConsumer(deps: FleetConsumerDeps): EventConsumer {
  return createEventConsumer({
    db: deps.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: "orders",
    name: "orders-fleet",
    stream: domainStreamName(deps.prefix, "fleet"),
    filterSubject: domainSubjects(deps.prefix, "fleet"),
    registry: deps.registry,
    logger: deps.logger,
    handle: (event, trx) => applyDeliveryEvent(trx, deps.outbox, deps.logger, event),
  });
}
