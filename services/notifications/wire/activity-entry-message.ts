import { create } from "@bufbuild/protobuf";
import {
  type ActivityEntry,
  ActivityEntrySchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { ActivityRow } from "../storage/index.js";

/** An activity row as the contract's ActivityEntry. */
export function toActivityEntry(row: ActivityRow): ActivityEntry {
  return create(ActivityEntrySchema, {
    sequence: BigInt(row.sequence),
    brandId: row.brand_id,
    customerId: row.customer_id,
    orderId: row.order_id,
    eventId: row.event_id,
    eventType: row.event_type,
    aggregateId: row.aggregate_id,
    summary: row.summary,
    eventTime: optionalTimestamp(row.event_time),
  });
}
