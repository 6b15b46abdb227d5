import { isMessage, type Message } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { OrderDeliveredSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { OutOfStockSchema, StockLowSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import {
  CustomerCreatedSchema,
  OrderPlacedSchema,
  OrderStatusChangedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { type Order, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { addressLine, describeStatus, formatMoney, orderRef } from "./email-views.js";
import type { EmailTemplateName } from "./notification-kinds.js";

/** Who an email is for: a customer (their address), or a brand (its contact and the operator). */
export type EmailAudience =
  | { readonly to: "customer"; readonly customerId: string }
  | { readonly to: "brand"; readonly brandId: string };

/** The email an event calls for, before its recipients' addresses are known. */
export interface EmailIntent {
  readonly template: EmailTemplateName;
  readonly audience: EmailAudience;
  /** Brand the email belongs to; empty for platform-wide ones (a welcome email). */
  readonly brandId: string;
  /** Customer the email is about; empty when none. */
  readonly customerId: string;
  /** What the templates show (the customer's name is added once it is known). */
  readonly view: Readonly<Record<string, unknown>>;
}

/** Where addresses come from, once looked up. */
export interface RecipientFacts {
  readonly customerEmail?: string;
  readonly brandContact?: string;
  /** The operator's address (`ADMIN_EMAIL`), copied on a brand's stock emails. */
  readonly adminEmail?: string;
}

/** Order statuses whose change is emailed by Orders' OrderStatusChanged (DELIVERED is Fleet's delivery email). */
const emailedStatuses: ReadonlySet<OrderStatus> = new Set([
  OrderStatus.PREPARING,
  OrderStatus.READY_FOR_DISPATCH,
  OrderStatus.DISPATCHED,
  OrderStatus.EN_ROUTE,
  OrderStatus.CANCELLED,
  OrderStatus.RETURNED,
]);

function orderView(order: Order): Record<string, unknown> {
  return { orderId: order.orderId, orderRef: orderRef(order.orderId), brandId: order.brandId };
}

function toCustomer(
  template: EmailTemplateName,
  brandId: string,
  customerId: string,
  view: Record<string, unknown>,
): EmailIntent {
  return { template, audience: { to: "customer", customerId }, brandId, customerId, view };
}

function toBrand(template: EmailTemplateName, brandId: string, view: Record<string, unknown>): EmailIntent {
  return { template, audience: { to: "brand", brandId }, brandId, customerId: "", view: { brandId, ...view } };
}

/**
 * The email an event calls for, or `undefined`:
 * - CustomerCreated: a welcome email to the customer;
 * - OrderPlaced: the order's confirmation to its customer;
 * - OrderStatusChanged to PREPARING, READY_FOR_DISPATCH, DISPATCHED, EN_ROUTE, CANCELLED or RETURNED:
 *   a status email to the customer (DELIVERED is told by Fleet's OrderDelivered instead);
 * - Fleet's OrderDelivered: the delivery email to the customer;
 * - StockLow and OutOfStock: an email to the brand (its contact and the operator).
 *
 * @example
 * emailFor(customerCreated, "")?.template // => "welcome"
 */
export function emailFor(payload: Message, tenant: string): EmailIntent | undefined {
  if (isMessage(payload, CustomerCreatedSchema) && payload.customer) {
    const { customer } = payload;
    return toCustomer("welcome", "", customer.customerId, { email: customer.email });
  }
  if (isMessage(payload, OrderPlacedSchema) && payload.order) {
    const { order } = payload;
    return toCustomer("order_placed", order.brandId, order.customerId, {
      ...orderView(order),
      lines: order.lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        quantity: String(line.quantity),
        lineTotal: formatMoney(line.lineTotal),
      })),
      total: formatMoney(order.total),
      totalUnits: String(order.totalUnits),
      address: addressLine(order.deliveryAddress),
    });
  }
  if (isMessage(payload, OrderStatusChangedSchema) && payload.order && emailedStatuses.has(payload.toStatus)) {
    const { order } = payload;
    return toCustomer("order_status_changed", order.brandId, order.customerId, {
      ...orderView(order),
      status: describeStatus(payload.toStatus),
      statusName: OrderStatus[payload.toStatus],
      reason: payload.reason,
      cancelled: payload.toStatus === OrderStatus.CANCELLED,
    });
  }
  if (isMessage(payload, OrderDeliveredSchema) && payload.assignment) {
    const { assignment } = payload;
    const deliveredAt = assignment.deliverTime ? timestampDate(assignment.deliverTime).toISOString() : "";
    return toCustomer("order_delivered", assignment.brandId || tenant, assignment.customerId, {
      orderId: assignment.orderId,
      orderRef: orderRef(assignment.orderId),
      brandId: assignment.brandId || tenant,
      receivedBy: payload.receivedBy,
      note: payload.note,
      deliveredAt,
      address: addressLine(assignment.deliveryAddress),
    });
  }
  if (isMessage(payload, StockLowSchema) && payload.stock && tenant) {
    const { stock } = payload;
    return toBrand("stock_low", tenant, {
      sku: stock.sku,
      itemName: payload.name || stock.sku,
      available: String(stock.available),
      threshold: String(payload.lowStockThreshold),
    });
  }
  if (isMessage(payload, OutOfStockSchema) && payload.stock && tenant) {
    return toBrand("out_of_stock", tenant, { sku: payload.stock.sku, itemName: payload.name || payload.stock.sku });
  }
  return undefined;
}

/**
 * The addresses an email goes to, lower-cased and each once: the customer's for a customer; the
 * brand's contact and the operator's for a brand (either may be missing). Empty when nobody is
 * known.
 *
 * @example
 * emailRecipients({ to: "brand", brandId: "acme" }, { brandContact: "Ops@Acme.example", adminEmail: "ops@acme.example" }) // => ["ops@acme.example"]
 */
export function emailRecipients(audience: EmailAudience, facts: RecipientFacts): string[] {
  const candidates = audience.to === "customer" ? [facts.customerEmail] : [facts.brandContact, facts.adminEmail];
  const addresses = candidates
    .filter((address): address is string => Boolean(address?.trim()))
    .map((address) => address.trim().toLowerCase());
  return [...new Set(addresses)];
}

/**
 * True when an event is too old to be emailed now: a replayed stream (a new consumer, a rebuild)
 * records the activity again but must not mail people about last month's orders.
 */
export function tooOldToEmail(eventTime: Date, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - eventTime.getTime() > maxAgeMs;
}
