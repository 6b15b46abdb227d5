import { CourierRegisteredSchema, CourierStateChangedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { ServiceEvents } from "../../kit/events/index.js";
import type { FleetFeed } from "../operations/index.js";
import type { FleetDatabase } from "../storage/index.js";

/** Opens the {@link FleetFeed} over the fleet stream; WatchFleet's watchers share it. */
export function createFleetFeed(events: ServiceEvents<FleetDatabase>): FleetFeed {
  return events.feed({ from: "fleet", schemas: [CourierRegisteredSchema, CourierStateChangedSchema] });
}
