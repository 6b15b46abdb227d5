import { create } from "@bufbuild/protobuf";
import { type Assignment, AssignmentSchema, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { AssignmentRow } from "../storage/index.js";
import { assignmentStatuses } from "./assignment-names.js";
import { courierKinds } from "./courier-names.js";
import { deliveryAddressFromStored } from "./delivery-address.js";

/** An assignment row as the contract's Assignment; `queuePosition` is 0 unless it is queued. */
export function toAssignment(row: AssignmentRow, queuePosition = 0): Assignment {
  return create(AssignmentSchema, {
    orderId: row.order_id,
    brandId: row.brand_id,
    customerId: row.customer_id,
    zone: row.zone,
    deliveryAddress: deliveryAddressFromStored(row.delivery_address),
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
