import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { WebhookRegisteredSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import {
  type RegisterWebhookRequest,
  RegisterWebhookRequestSchema,
  type RegisterWebhookResponse,
  RegisterWebhookResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { alreadyExists, DomainError } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { newWebhookSecret } from "../domain/index.js";
import { insertWebhook } from "../storage/index.js";
import { toWebhook } from "../wire/index.js";
import type { NotificationsContext } from "./notifications-context.js";
import { assertWebhookUrl } from "./webhook-url-check.js";

/** Event types a webhook may not ask for: unknown ones, and Notifications' own. */
function unwantedEventTypes(ctx: NotificationsContext, eventTypes: readonly string[]): string[] {
  return eventTypes.filter((type) => !ctx.registry.getMessage(type) || type.startsWith("waybill.notifications."));
}

/**
 * Registers a brand's webhook with a fresh signing secret and publishes WebhookRegistered (never
 * with the secret). Event types must be Waybill events other than Notifications' own; a brand has
 * one live webhook per URL (ALREADY_EXISTS otherwise), so one event reaches one URL once. The
 * answer (with the secret) is kept with the idempotency key: a retry of the same request gets it
 * again, nothing else does. The URL is checked first, outside the transaction (it resolves the
 * host): see {@link assertWebhookUrl}.
 */
export async function registerWebhook(
  ctx: NotificationsContext,
  request: RegisterWebhookRequest,
): Promise<RegisterWebhookResponse> {
  await assertWebhookUrl(ctx, request.url);
  const scope = `RegisterWebhook/${request.brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: RegisterWebhookRequestSchema, request },
    RegisterWebhookResponseSchema,
    async (trx) => {
      const unwanted = unwantedEventTypes(ctx, request.eventTypes);
      if (unwanted.length > 0) {
        throw new DomainError(
          "invalid_argument",
          `event_types names ${unwanted.join(" and ")} - not an event a webhook can receive`,
        );
      }
      const secret = newWebhookSecret();
      const webhook = await insertWebhook(trx, {
        webhook_id: randomUUID(),
        brand_id: request.brandId,
        url: request.url,
        event_types: request.eventTypes,
        description: request.description,
        secret,
        created_at: ctx.now(),
      });
      if (webhook === "url_taken")
        throw alreadyExists(`brand ${request.brandId} already has a webhook for this URL - delete it first`);
      await ctx.outbox.append(trx, {
        schema: WebhookRegisteredSchema,
        payload: create(WebhookRegisteredSchema, { webhook: toWebhook(webhook) }),
        aggregateId: webhook.webhook_id,
        tenant: webhook.brand_id,
      });
      return create(RegisterWebhookResponseSchema, { webhook: toWebhook(webhook), signingSecret: secret });
    },
  );
}
