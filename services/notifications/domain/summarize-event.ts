import { isMessage, type Message } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { CampaignArchivedSchema, CampaignCreatedSchema } from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
import {
  AssignmentCancelledSchema,
  DeliveryAbortedSchema,
  DeliveryRecalledSchema,
  OrderAssignedSchema,
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
  OrderQueuedSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { type Assignment, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import {
  ItemCreatedSchema,
  OutOfStockSchema,
  StockChangedSchema,
  StockLowSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  CustomerCreatedSchema,
  CustomerUpdatedSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
  OrderStatusChangedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describeStatus, formatMoney, orderRef } from "./email-views.js";

/** What an activity entry says about an event. */
export interface ActivitySummary {
  readonly summary: string;
  readonly customerId?: string;
  readonly orderId?: string;
}

const reasonWords: Readonly<Partial<Record<LedgerReason, string>>> = {
  [LedgerReason.RESTOCK]: "restocked",
  [LedgerReason.ADJUSTMENT]: "adjusted",
  [LedgerReason.RETURN]: "returned",
};

const feedReasons: ReadonlySet<LedgerReason> = new Set([
  LedgerReason.RESTOCK,
  LedgerReason.ADJUSTMENT,
  LedgerReason.RETURN,
]);

/** Order statuses the feed shows from Orders; the delivery states come from Fleet's richer events. */
const feedStatuses: ReadonlySet<OrderStatus> = new Set([
  OrderStatus.PREPARING,
  OrderStatus.READY_FOR_DISPATCH,
  OrderStatus.CANCELLED,
  OrderStatus.RETURNED,
]);

function signed(value: bigint): string {
  return value > 0n ? `+${value}` : String(value);
}

function inventorySummary(payload: Message): ActivitySummary | undefined {
  if (isMessage(payload, StockChangedSchema)) {
    const entry = payload.entry;
    const stock = payload.stock;
    // Holds and their release or dispatch show in the feed as order activity, not as stock noise.
    if (!entry || !stock || !feedReasons.has(entry.reason)) return undefined;
    const delta = entry.deltaOnHand !== 0n ? entry.deltaOnHand : entry.deltaReserved;
    return {
      summary: `${entry.sku} ${reasonWords[entry.reason] ?? "changed"} ${signed(delta)} (available ${stock.available})`,
    };
  }
  if (isMessage(payload, ItemCreatedSchema))
    return { summary: `${payload.sku} added to the catalogue as ${payload.name}` };
  if (isMessage(payload, StockLowSchema)) {
    return {
      summary: `${payload.stock?.sku} is low on stock (${payload.stock?.available} left, threshold ${payload.lowStockThreshold})`,
    };
  }
  if (isMessage(payload, OutOfStockSchema)) return { summary: `${payload.stock?.sku} is out of stock` };
  return undefined;
}

function ordersSummary(payload: Message): ActivitySummary | undefined {
  if (isMessage(payload, CustomerCreatedSchema) && payload.customer) {
    return { summary: `${payload.customer.name} joined`, customerId: payload.customer.customerId };
  }
  if (isMessage(payload, CustomerUpdatedSchema) && payload.customer) {
    return {
      summary: `${payload.customer.name} changed their ${payload.changedFields.join(" and ")}`,
      customerId: payload.customer.customerId,
    };
  }
  if (isMessage(payload, OrderPlacedSchema) && payload.order) {
    const { order } = payload;
    return {
      summary: `Order ${orderRef(order.orderId)} placed: ${order.totalUnits} units, ${formatMoney(order.total)}`,
      customerId: order.customerId,
      orderId: order.orderId,
    };
  }
  if (isMessage(payload, OrderStatusChangedSchema) && payload.order && feedStatuses.has(payload.toStatus)) {
    const { order } = payload;
    const reason = payload.reason ? ` (${payload.reason})` : "";
    return {
      summary: `Order ${orderRef(order.orderId)} is ${describeStatus(payload.toStatus)}${reason}`,
      customerId: order.customerId,
      orderId: order.orderId,
    };
  }
  if (isMessage(payload, OrderLinesReturnedSchema) && payload.order) {
    const units = payload.lines.reduce((sum, line) => sum + line.quantity, 0n);
    return {
      summary: `${units} units of order ${orderRef(payload.order.orderId)} came back`,
      customerId: payload.order.customerId,
      orderId: payload.order.orderId,
    };
  }
  return undefined;
}

function courierWord(assignment: Assignment): string {
  return assignment.courierKind === CourierKind.DRONE ? "drone" : "rider";
}

function fleetLine(payload: Message, assignment: Assignment): string | undefined {
  const ref = orderRef(assignment.orderId);
  if (isMessage(payload, OrderQueuedSchema))
    return `Order ${ref} is waiting for a courier in ${assignment.zone} (position ${assignment.queuePosition})`;
  if (isMessage(payload, OrderAssignedSchema))
    return `Order ${ref} ${payload.previousCourierId ? "reassigned" : "assigned"} to a ${courierWord(assignment)}`;
  if (isMessage(payload, OrderDispatchedSchema))
    return `Order ${ref} ${assignment.courierKind === CourierKind.DRONE ? "loaded onto a drone" : "picked up by a rider"}`;
  if (isMessage(payload, OrderEnRouteSchema)) {
    const eta = assignment.estimatedArrivalTime
      ? `, arriving about ${timestampDate(assignment.estimatedArrivalTime).toISOString().slice(11, 16)} UTC`
      : "";
    return `Order ${ref} is on its way${eta}`;
  }
  if (isMessage(payload, OrderDeliveredSchema))
    return `Order ${ref} was delivered${payload.receivedBy ? ` to ${payload.receivedBy}` : ""}`;
  if (isMessage(payload, DeliveryRecalledSchema))
    return `Order ${ref} recalled: the ${courierWord(assignment)} brings it back`;
  if (isMessage(payload, DeliveryAbortedSchema)) return `Order ${ref} is back at base`;
  if (isMessage(payload, AssignmentCancelledSchema)) return `Delivery of order ${ref} called off`;
  return undefined;
}

function fleetSummary(payload: Message): ActivitySummary | undefined {
  const assignment = (payload as { assignment?: unknown }).assignment as Assignment | undefined;
  if (!assignment?.orderId) return undefined;
  const summary = fleetLine(payload, assignment);
  return summary === undefined
    ? undefined
    : { summary, customerId: assignment.customerId, orderId: assignment.orderId };
}

function campaignsSummary(payload: Message): ActivitySummary | undefined {
  if (isMessage(payload, CampaignCreatedSchema) && payload.campaign)
    return { summary: `Campaign ${payload.campaign.name} created` };
  if (isMessage(payload, CampaignArchivedSchema) && payload.campaign)
    return { summary: `Campaign ${payload.campaign.name} archived` };
  return undefined;
}

/**
 * One human-readable line for an event of the activity feed, with the customer and order it
 * concerns, or `undefined` for events the feed does not show (stock holds, courier states, and
 * Orders' delivery states, which Fleet's events tell in more detail).
 *
 * @example
 * summarizeEvent(stockChanged) // => { summary: "MUG-1 restocked +20 (available 20)" }
 */
export function summarizeEvent(payload: Message): ActivitySummary | undefined {
  return inventorySummary(payload) ?? ordersSummary(payload) ?? fleetSummary(payload) ?? campaignsSummary(payload);
}
