import type { Money } from "@waybill/contracts/waybill/common/v1/money_pb.js";
import type { DeliveryAddress } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/**
 * The short form of an order id people read in emails and the feed: its first eight characters.
 *
 * @example
 * orderRef("3f2a1b2c-0000-4000-8000-000000000000") // => "3f2a1b2c"
 */
export function orderRef(orderId: string): string {
  return orderId.slice(0, 8);
}

/**
 * An amount for people, with the currency's own number of decimals.
 *
 * @example
 * formatMoney({ currencyCode: "EUR", minorUnits: 1250n }) // => "EUR 12.50"
 * formatMoney({ currencyCode: "JPY", minorUnits: 500n }) // => "JPY 500"
 */
export function formatMoney(money: Pick<Money, "currencyCode" | "minorUnits"> | undefined): string {
  if (!money?.currencyCode) return "";
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency: money.currencyCode }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals.
  }
  const negative = money.minorUnits < 0n;
  const units = (negative ? -money.minorUnits : money.minorUnits).toString().padStart(digits + 1, "0");
  const whole = units.slice(0, units.length - digits);
  const fraction = digits > 0 ? `.${units.slice(units.length - digits)}` : "";
  return `${money.currencyCode} ${negative ? "-" : ""}${whole}${fraction}`;
}

const statusWords: Readonly<Partial<Record<OrderStatus, string>>> = {
  [OrderStatus.PLACED]: "placed",
  [OrderStatus.PREPARING]: "being prepared",
  [OrderStatus.READY_FOR_DISPATCH]: "ready for dispatch",
  [OrderStatus.DISPATCHED]: "handed to its courier",
  [OrderStatus.EN_ROUTE]: "on its way",
  [OrderStatus.DELIVERED]: "delivered",
  [OrderStatus.CANCELLED]: "cancelled",
  [OrderStatus.RETURNED]: "returned",
};

/**
 * How a sentence says an order's status: "Your order is {{status}}".
 *
 * @example
 * describeStatus(OrderStatus.READY_FOR_DISPATCH) // => "ready for dispatch"
 */
export function describeStatus(status: OrderStatus): string {
  return statusWords[status] ?? "updated";
}

/** A delivery address on one line, empty parts left out. */
export function addressLine(address: DeliveryAddress | undefined): string {
  if (!address) return "";
  const city = [address.postalCode, address.city].filter(Boolean).join(" ");
  return [address.recipientName, address.line1, address.line2, city, address.countryCode].filter(Boolean).join(", ");
}
