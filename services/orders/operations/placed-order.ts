import { create } from "@bufbuild/protobuf";
import { OrderPlacedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type PlaceOrderRequest,
  type PlaceOrderResponse,
  PlaceOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { DomainError } from "../../kit/errors/index.js";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import type { PricedOrder } from "../domain/index.js";
import type { DeliveryAddressJson, NewOrder, OrderLineRow, OrderRow } from "../storage/index.js";
import { addressToJson, roleToProto, toOrder } from "../wire/index.js";

/** A new order as rows to insert and the answer to give. */
export interface PlacedOrder {
  readonly rows: NewOrder;
  readonly response: PlaceOrderResponse;
}

/**
 * Builds everything PlaceOrder records for a priced order — the order row, its lines, the first
 * status log entry and OrderPlaced — and the answer, all at `now` (one clock reading), so the
 * stored answer, the rows and the event agree to the millisecond.
 */
export function buildPlacedOrder(
  orderId: string,
  request: PlaceOrderRequest,
  priced: PricedOrder,
  principal: Principal,
  now: Date,
): PlacedOrder {
  // Required by the contract, so validation refused a request without one before it got here.
  if (!request.deliveryAddress) throw new DomainError("invalid_argument", "delivery_address is required");
  const address = addressToJson(request.deliveryAddress);
  const row: OrderRow = {
    order_id: orderId,
    brand_id: request.brandId,
    customer_id: request.customerId,
    status: "placed",
    status_sequence: 1,
    delivery_zone: request.deliveryZone,
    delivery_address: JSON.parse(address) as DeliveryAddressJson,
    promo_code: request.promoCode.toUpperCase(),
    currency_code: priced.currencyCode,
    total_minor: priced.totalMinor,
    total_units: priced.totalUnits,
    returned_minor: 0,
    cancel_reason: "",
    // Read in the PlaceOrder request's context: later changes of the order link back to it.
    placed_traceparent: currentTraceparent(),
    created_at: now,
    updated_at: now,
  };
  const lines: OrderLineRow[] = priced.lines.map((line) => ({
    order_id: orderId,
    line_number: line.lineNumber,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unit_price_minor: line.unitPriceMinor,
    returned_quantity: 0,
  }));
  const order = toOrder(row, lines);
  const placed = create(OrderPlacedSchema, { order, actor: principal.subject, actorRole: roleToProto(principal.role) });
  return {
    rows: {
      order: { ...row, delivery_address: address },
      lines,
      log: {
        order_id: orderId,
        sequence: 1,
        from_status: "",
        to_status: "placed",
        actor: principal.subject,
        actor_role: principal.role,
        reason: "",
        changed_at: now,
      },
      events: [{ schema: OrderPlacedSchema, payload: placed, aggregateId: orderId, tenant: request.brandId }],
    },
    response: create(PlaceOrderResponseSchema, { order }),
  };
}
