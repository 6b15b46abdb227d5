import { create, fromJson, type JsonObject, toJson } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import type { Money } from "@waybill/contracts/waybill/common/v1/money_pb.js";
import {
  type Customer,
  CustomerSchema,
  type DeliveryAddress,
  DeliveryAddressSchema,
  type Order,
  OrderSchema,
  OrderStatus,
  type OrderStatusChange,
  OrderStatusChangeSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { RoleName } from "../../kit/auth/index.js";
import type { OrderStatusName } from "../domain/index.js";
import type { CustomerRow, DeliveryAddressJson, OrderLineRow, OrderRow, StatusLogRow } from "../storage/index.js";

const statusByName: Readonly<Record<OrderStatusName, OrderStatus>> = {
  placed: OrderStatus.PLACED,
  preparing: OrderStatus.PREPARING,
  ready_for_dispatch: OrderStatus.READY_FOR_DISPATCH,
  dispatched: OrderStatus.DISPATCHED,
  en_route: OrderStatus.EN_ROUTE,
  delivered: OrderStatus.DELIVERED,
  cancelled: OrderStatus.CANCELLED,
  returned: OrderStatus.RETURNED,
};

const roleByName: Readonly<Record<RoleName, Role>> = {
  admin: Role.ADMIN,
  brand: Role.BRAND,
  customer: Role.CUSTOMER,
  courier: Role.COURIER,
  partner: Role.PARTNER,
  service: Role.SERVICE,
};

/** A stored status as the contract's `OrderStatus` (empty is UNSPECIFIED, the placement's "from"). */
export function statusToProto(status: OrderStatusName | ""): OrderStatus {
  return status === "" ? OrderStatus.UNSPECIFIED : statusByName[status];
}

/** A contract `OrderStatus` as stored; throws for UNSPECIFIED (validation refuses it earlier). */
export function statusFromProto(status: OrderStatus): OrderStatusName {
  const entry = Object.entries(statusByName).find(([, value]) => value === status);
  if (!entry) throw new RangeError(`no stored name for order status ${status}`);
  return entry[0] as OrderStatusName;
}

/** A role name as the contract's `Role`. */
export function roleToProto(role: string): Role {
  return roleByName[role as RoleName] ?? Role.UNSPECIFIED;
}

/** An amount in minor units as `Money`. */
export function money(currencyCode: string, minorUnits: number): Money {
  return { $typeName: "waybill.common.v1.Money", currencyCode, minorUnits: BigInt(minorUnits) };
}

/** A delivery address in its stored (protobuf JSON) form. */
export function addressToJson(address: DeliveryAddress): string {
  return JSON.stringify(toJson(DeliveryAddressSchema, address));
}

/** A stored delivery address as the message. */
export function addressFromJson(json: DeliveryAddressJson): DeliveryAddress {
  return fromJson(DeliveryAddressSchema, json as JsonObject);
}

/** A customer row as a `Customer`. */
export function toCustomer(row: CustomerRow): Customer {
  return create(CustomerSchema, {
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    createTime: timestampFromDate(row.created_at),
    updateTime: timestampFromDate(row.updated_at),
  });
}

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

/** A status log row as an `OrderStatusChange`. */
export function toStatusChange(row: StatusLogRow): OrderStatusChange {
  return create(OrderStatusChangeSchema, {
    sequence: row.sequence,
    fromStatus: statusToProto(row.from_status),
    toStatus: statusToProto(row.to_status),
    actor: row.actor,
    actorRole: roleToProto(row.actor_role),
    reason: row.reason,
    changeTime: timestampFromDate(row.changed_at),
  });
}
