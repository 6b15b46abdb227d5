import { file_waybill_campaigns_v1_events } from "@waybill/sdk/campaigns";
import { file_waybill_fleet_v1_events } from "@waybill/sdk/fleet";
import { file_waybill_inventory_v1_events } from "@waybill/sdk/inventory";
import { file_waybill_orders_v1_events } from "@waybill/sdk/orders";

/** The events of one service a webhook may ask for. */
export interface EventTypeGroup {
  readonly service: string;
  /** Fully-qualified type names, e.g. `waybill.orders.v1.OrderPlaced`. */
  readonly types: readonly string[];
}

/**
 * Every event a webhook can receive, by service, read from the contracts' `events.proto` files (so
 * a new event shows up here without an edit). Notifications' own events are never delivered to
 * webhooks, so they are left out.
 */
export const webhookEventTypes: readonly EventTypeGroup[] = [
  { service: "Inventory", file: file_waybill_inventory_v1_events },
  { service: "Orders", file: file_waybill_orders_v1_events },
  { service: "Fleet", file: file_waybill_fleet_v1_events },
  { service: "Campaigns", file: file_waybill_campaigns_v1_events },
].map(({ service, file }) => ({ service, types: file.messages.map((message) => message.typeName) }));

/** The short name of an event type: `waybill.orders.v1.OrderPlaced` → `OrderPlaced`. */
export function shortEventType(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf(".") + 1);
}

/** What a webhook receives, in words: "every event" when it chose none. */
export function describeEventTypes(types: readonly string[]): string {
  return types.length === 0 ? "Every event" : types.map(shortEventType).join(", ");
}
