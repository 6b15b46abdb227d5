import { create } from "@bufbuild/protobuf";
import {
  type ActivityEntry,
  ActivityEntrySchema,
  type BrandContact,
  BrandContactSchema,
  type Notification,
  NotificationChannel,
  NotificationSchema,
  NotificationStatus,
  NotificationTemplate,
  type Webhook,
  WebhookSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { ChannelName, StatusName, TemplateName } from "../domain/index.js";
import type { ActivityRow, BrandContactRow, NotificationRow, WebhookRow } from "../storage/index.js";

/** Contract enum values of the stored names, and back. */
export const channels: Readonly<Record<ChannelName, NotificationChannel>> = {
  email: NotificationChannel.EMAIL,
  webhook: NotificationChannel.WEBHOOK,
};
export const statuses: Readonly<Record<StatusName, NotificationStatus>> = {
  pending: NotificationStatus.PENDING,
  retrying: NotificationStatus.RETRYING,
  sent: NotificationStatus.SENT,
  dead: NotificationStatus.DEAD,
};
export const templates: Readonly<Record<TemplateName, NotificationTemplate>> = {
  welcome: NotificationTemplate.WELCOME,
  order_placed: NotificationTemplate.ORDER_PLACED,
  order_status_changed: NotificationTemplate.ORDER_STATUS_CHANGED,
  order_delivered: NotificationTemplate.ORDER_DELIVERED,
  stock_low: NotificationTemplate.STOCK_LOW,
  out_of_stock: NotificationTemplate.OUT_OF_STOCK,
  webhook_event: NotificationTemplate.WEBHOOK_EVENT,
};

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

/** A webhook row as the contract's Webhook, without its secret. */
export function toWebhook(row: WebhookRow): Webhook {
  return create(WebhookSchema, {
    webhookId: row.webhook_id,
    brandId: row.brand_id,
    url: row.url,
    eventTypes: row.event_types,
    description: row.description,
    createTime: optionalTimestamp(row.created_at),
  });
}

/** A contact row as the contract's BrandContact. */
export function toBrandContact(row: BrandContactRow): BrandContact {
  return create(BrandContactSchema, {
    brandId: row.brand_id,
    email: row.email,
    name: row.name,
    updateTime: optionalTimestamp(row.updated_at),
  });
}

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
