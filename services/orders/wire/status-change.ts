import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type OrderStatusChange, OrderStatusChangeSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { StatusLogRow } from "../storage/index.js";
import { statusToProto } from "./order-status.js";
import { roleToProto } from "./role.js";

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
