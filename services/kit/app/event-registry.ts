import { createRegistry, type Registry } from "@bufbuild/protobuf";
import { file_waybill_campaigns_v1_events } from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
import { file_waybill_fleet_v1_events } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { file_waybill_inventory_v1_events } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { file_waybill_notifications_v1_events } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import { file_waybill_orders_v1_events } from "@waybill/contracts/waybill/orders/v1/events_pb.js";

/** Every domain event type of the five services, for decoding envelope payloads. */
export function createEventRegistry(): Registry {
  return createRegistry(
    file_waybill_inventory_v1_events,
    file_waybill_orders_v1_events,
    file_waybill_fleet_v1_events,
    file_waybill_campaigns_v1_events,
    file_waybill_notifications_v1_events,
  );
}
