import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Order, OrderSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { OrderLineRow, OrderRow } from "../storage/index.js";
import { addressFromJson } from "./delivery-address.js";
import { money } from "./money.js";
import { statusToProto } from "./order-status.js";

/** An order row and its lines as an `Order`. */
export function toOrder(row: OrderRow, lines: readonly OrderLineRow[]): Order {
  return create(OrderSchema, {
    orderId: row.order_id,
    brandId: row.brand_id,
    customerId: row.customer_id,
    status: statusToProto(row.status),
    lines: lines.map((line) => ({
      lineNumber: line.line_number,
      sku: line.sku,
      name: line.name,
      quantity: BigInt(line.quantity),
      unitPrice: money(row.currency_code, line.unit_price_minor),
      lineTotal: money(row.currency_code, line.unit_price_minor * line.quantity),
      returnedQuantity: BigInt(line.returned_quantity),
    })),
    deliveryZone: row.delivery_zone,
    deliveryAddress: addressFromJson(row.delivery_address),
    promoCode: row.promo_code,
    total: money(row.currency_code, row.total_minor),
    totalUnits: BigInt(row.total_units),
    returnedTotal: money(row.currency_code, row.returned_minor),
    cancelReason: row.cancel_reason,
    createTime: timestampFromDate(row.created_at),
    updateTime: timestampFromDate(row.updated_at),
  });
}
