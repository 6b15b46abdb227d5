import {
  type CourierRegistered,
  CourierRegisteredSchema,
  type CourierStateChanged,
  CourierStateChangedSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { EventFeed, ServiceEvents } from "../../kit/events/index.js";
import type { FleetDatabase } from "../storage/index.js";

/** The process's live feed of courier changes from every replica. */
export type FleetFeed = EventFeed<CourierRegistered | CourierStateChanged>;

/** Opens {@link FleetFeed} over the fleet stream; WatchFleet's watchers share it. */
export function createFleetFeed(events: ServiceEvents<FleetDatabase>): FleetFeed {
  return events.feed({ from: "fleet", schemas: [CourierRegisteredSchema, CourierStateChangedSchema] });
}
