import { createRegistry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import {
  type CourierRegistered,
  CourierRegisteredSchema,
  type CourierStateChanged,
  CourierStateChangedSchema,
  file_waybill_fleet_v1_events,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Logger } from "pino";
import { createEventFeed, type EventFeed } from "../../kit/events/index.js";

/** The process's live feed of courier changes from every replica. */
export type FleetFeed = EventFeed<CourierRegistered | CourierStateChanged>;

/** Opens {@link FleetFeed} over the fleet stream; WatchFleet's watchers share it. */
export function createFleetFeed(options: {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  readonly logger: Logger;
}): FleetFeed {
  return createEventFeed({
    ...options,
    domain: "fleet",
    schemas: [CourierRegisteredSchema, CourierStateChangedSchema],
    registry: createRegistry(file_waybill_fleet_v1_events),
  });
}
