import { create, fromJson, type JsonObject } from "@bufbuild/protobuf";
import {
  type Assignment,
  AssignmentSchema,
  AssignmentStatus,
  type Courier,
  CourierAvailability,
  CourierKind,
  CourierSchema,
  CourierState,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { DeliveryAddressSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { AssignmentStatusName, AvailabilityName, CourierKindName, CourierStateName } from "../domain/index.js";
import type { AssignmentRow, CourierRow } from "../storage/index.js";

/** Contract enum values of the stored names, and back. */
export const courierKinds: Readonly<Record<CourierKindName, CourierKind>> = {
  drone: CourierKind.DRONE,
  rider: CourierKind.RIDER,
};
export const availabilities: Readonly<Record<AvailabilityName, CourierAvailability>> = {
  online: CourierAvailability.ONLINE,
  offline: CourierAvailability.OFFLINE,
  maintenance: CourierAvailability.MAINTENANCE,
};
export const courierStates: Readonly<Record<CourierStateName, CourierState>> = {
  offline: CourierState.OFFLINE,
  ready: CourierState.READY,
  reserved: CourierState.RESERVED,
  loaded: CourierState.LOADED,
  en_route: CourierState.EN_ROUTE,
  returning: CourierState.RETURNING,
  maintenance: CourierState.MAINTENANCE,
  busy: CourierState.BUSY,
};
export const assignmentStatuses: Readonly<Record<AssignmentStatusName, AssignmentStatus>> = {
  queued: AssignmentStatus.QUEUED,
  assigned: AssignmentStatus.ASSIGNED,
  picked_up: AssignmentStatus.PICKED_UP,
  en_route: AssignmentStatus.EN_ROUTE,
  delivered: AssignmentStatus.DELIVERED,
  recalled: AssignmentStatus.RECALLED,
  returned: AssignmentStatus.RETURNED,
  cancelled: AssignmentStatus.CANCELLED,
};

/** A courier row as the contract's Courier. */
export function toCourier(row: CourierRow): Courier {
  return create(CourierSchema, {
    courierId: row.courier_id,
    kind: courierKinds[row.kind],
    name: row.name,
    zone: row.zone,
    capacity: row.capacity,
    availability: availabilities[row.availability],
    state: courierStates[row.state],
    activeAssignments: row.active,
    idleSince: row.active === 0 ? optionalTimestamp(row.idle_since) : undefined,
    stateChangeTime: optionalTimestamp(row.state_changed_at),
    createTime: optionalTimestamp(row.created_at),
    updateTime: optionalTimestamp(row.updated_at),
    version: BigInt(row.version),
  });
}

/** An assignment row as the contract's Assignment; `queuePosition` is 0 unless it is queued. */
export function toAssignment(row: AssignmentRow, queuePosition = 0): Assignment {
  return create(AssignmentSchema, {
    orderId: row.order_id,
    brandId: row.brand_id,
    customerId: row.customer_id,
    zone: row.zone,
    deliveryAddress: fromJson(DeliveryAddressSchema, row.delivery_address as JsonObject, { ignoreUnknownFields: true }),
    status: assignmentStatuses[row.status],
    courierId: row.courier_id ?? "",
    courierKind: row.courier_kind ? courierKinds[row.courier_kind] : CourierKind.UNSPECIFIED,
    queuePosition: BigInt(queuePosition),
    attempt: row.attempt,
    endReason: row.end_reason,
    createTime: optionalTimestamp(row.created_at),
    assignTime: optionalTimestamp(row.assigned_at),
    pickupTime: optionalTimestamp(row.picked_up_at),
    estimatedArrivalTime: optionalTimestamp(row.estimated_arrival_at),
    deliverTime: optionalTimestamp(row.delivered_at),
    endTime: optionalTimestamp(row.ended_at),
    updateTime: optionalTimestamp(row.updated_at),
  });
}
