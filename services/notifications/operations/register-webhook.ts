import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { WebhookRegisteredSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import { alreadyExists, DomainError } from "../../kit/errors/index.js";
import { newWebhookSecret } from "../domain/index.js";
import { insertWebhook, type NotificationsDatabase, type WebhookRow } from "../storage/index.js";
import { toWebhook } from "./notification-messages.js";
import type { NotificationsContext } from "./notifications-context.js";

/** What a brand registers. */
export interface NewWebhook {
  readonly brandId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string;
}

/**
 * Registers a webhook in `trx` with a fresh signing secret and publishes WebhookRegistered (never
 * with the secret). Event types must be Waybill events other than Notifications' own; a brand has
 * one live webhook per URL (ALREADY_EXISTS otherwise), so one event reaches one URL once.
 */
export async function registerWebhook(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  input: NewWebhook,
): Promise<{ readonly webhook: WebhookRow; readonly secret: string }> {
  const unknown = input.eventTypes.filter(
    (type) => !ctx.registry.getMessage(type) || type.startsWith("waybill.notifications."),
  );
  if (unknown.length > 0) {
    throw new DomainError(
      "invalid_argument",
      `event_types names ${unknown.join(" and ")} - not an event a webhook can receive`,
    );
  }
  const secret = newWebhookSecret();
  const webhook = await insertWebhook(trx, {
    webhook_id: randomUUID(),
    brand_id: input.brandId,
    url: input.url,
    event_types: input.eventTypes,
    description: input.description,
    secret,
    created_at: ctx.now(),
  });
  if (webhook === "url_taken")
    throw alreadyExists(`brand ${input.brandId} already has a webhook for this URL - delete it first`);
  await ctx.outbox.append(trx, {
    schema: WebhookRegisteredSchema,
    payload: create(WebhookRegisteredSchema, { webhook: toWebhook(webhook) }),
    aggregateId: webhook.webhook_id,
    tenant: webhook.brand_id,
  });
  return { webhook, secret };
}
