import { create } from "@bufbuild/protobuf";
import { type Notification, NotificationSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { NotificationRow } from "../storage/index.js";
import { channels, statuses, templates } from "./notification-names.js";

/** A notification row as the contract's Notification (its bodies stay in the database). */
export function toNotification(row: NotificationRow): Notification {
  return create(NotificationSchema, {
    notificationId: row.notification_id,
    brandId: row.brand_id,
    customerId: row.customer_id,
    channel: channels[row.channel],
    recipient: row.recipient,
    webhookId: row.webhook_id ?? "",
    template: templates[row.template],
    eventId: row.event_id,
    eventType: row.event_type,
    subject: row.subject,
    status: statuses[row.status],
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptTime: optionalTimestamp(row.next_attempt_at),
    sentTime: optionalTimestamp(row.sent_at),
    createTime: optionalTimestamp(row.created_at),
    updateTime: optionalTimestamp(row.updated_at),
  });
}
