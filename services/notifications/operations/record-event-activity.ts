import { create } from "@bufbuild/protobuf";
import { ActivityRecordedSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { summarizeEvent } from "../domain/index.js";
import { type NotificationsDatabase, recordActivity } from "../storage/index.js";
import { toActivityEntry } from "../wire/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Records an event in the activity feed (when the feed shows it, see {@link summarizeEvent}) in
 * the consumer's transaction, and publishes ActivityRecorded. The entry is announced to the
 * watchers of every replica when the transaction commits. A replay records nothing new.
 */
export async function recordEventActivity(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  event: ConsumedEvent,
): Promise<void> {
  const summary = summarizeEvent(event.payload);
  if (!summary) return;
  const row = await recordActivity(trx, {
    event_id: event.id,
    event_type: event.type,
    aggregate_id: event.aggregateId,
    brand_id: event.tenant,
    customer_id: summary.customerId ?? "",
    order_id: summary.orderId ?? "",
    summary: summary.summary,
    event_time: event.time,
  });
  if (!row) return;
  const payload = create(ActivityRecordedSchema, { entry: toActivityEntry(row) });
  await ctx.outbox.append(trx, {
    schema: ActivityRecordedSchema,
    payload,
    aggregateId: row.aggregate_id,
    tenant: row.brand_id,
  });
}
