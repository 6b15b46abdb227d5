import {
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { storedName } from "../../kit/wire/index.js";
import type { ChannelName, StatusName, TemplateName } from "../domain/index.js";

/** The contract's channel of each stored channel name. */
export const channels: Readonly<Record<ChannelName, NotificationChannel>> = {
  email: NotificationChannel.EMAIL,
  webhook: NotificationChannel.WEBHOOK,
};

/** The contract's status of each stored status name. */
export const statuses: Readonly<Record<StatusName, NotificationStatus>> = {
  pending: NotificationStatus.PENDING,
  retrying: NotificationStatus.RETRYING,
  sent: NotificationStatus.SENT,
  dead: NotificationStatus.DEAD,
};

/** The contract's template of each stored template name. */
export const templates: Readonly<Record<TemplateName, NotificationTemplate>> = {
  welcome: NotificationTemplate.WELCOME,
  order_placed: NotificationTemplate.ORDER_PLACED,
  order_status_changed: NotificationTemplate.ORDER_STATUS_CHANGED,
  order_delivered: NotificationTemplate.ORDER_DELIVERED,
  stock_low: NotificationTemplate.STOCK_LOW,
  out_of_stock: NotificationTemplate.OUT_OF_STOCK,
  webhook_event: NotificationTemplate.WEBHOOK_EVENT,
};

/** The stored name of a contract channel; `undefined` for UNSPECIFIED (both channels). */
export function channelFromProto(channel: NotificationChannel): ChannelName | undefined {
  return storedName(channels, channel);
}

/** The stored name of a contract status; `undefined` for UNSPECIFIED. */
export function statusFromProto(status: NotificationStatus): StatusName | undefined {
  return storedName(statuses, status);
}

/** The stored name of a contract template; `undefined` for UNSPECIFIED (every template). */
export function templateFromProto(template: NotificationTemplate): TemplateName | undefined {
  return storedName(templates, template);
}
