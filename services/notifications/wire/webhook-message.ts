import { create } from "@bufbuild/protobuf";
import { type Webhook, WebhookSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { WebhookRow } from "../storage/index.js";

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
