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
import { answerOf, idempotentTransaction, readStoredAnswer } from "../../kit/idempotency/index.js";
import { newWebhookSecret, sealSecret } from "../domain/index.js";
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
 * secret is stored sealed (`WEBHOOK_SECRET_KEY`) and returned by the call that created the webhook
 * only: the answer kept with the idempotency key leaves it out, so a retry of the same request
 * gets the webhook without it (whoever holds the key). A new request's URL is checked first,
 * outside the transaction (it resolves the host, see {@link assertWebhookUrl}); a retry is
 * answered from the key before that, so a host that resolves differently now cannot change it.
 */
export async function registerWebhook(
  ctx: NotificationsContext,
  request: RegisterWebhookRequest,
): Promise<RegisterWebhookResponse> {
  const scope = `RegisterWebhook/${request.brandId}`;
  const idempotent = { scope, key: request.idempotencyKey, requestSchema: RegisterWebhookRequestSchema, request };
  // A retry answers as the first call did, whatever the host resolves to by now.
  const stored = await readStoredAnswer(ctx.db, idempotent, RegisterWebhookResponseSchema);
  if (stored.kind !== "none") return answerOf(stored);
  await assertWebhookUrl(ctx, request.url);
  // Set by the attempt that inserts the webhook, so only the call that created it hands it out.
  let issued: { readonly webhookId: string; readonly secret: string } | undefined;
  const response = await idempotentTransaction(ctx.db, idempotent, RegisterWebhookResponseSchema, async (trx) => {
    const unwanted = unwantedEventTypes(ctx, request.eventTypes);
    if (unwanted.length > 0) {
      throw new DomainError(
        "invalid_argument",
        `event_types names ${unwanted.join(" and ")} - not an event a webhook can receive`,
      );
    }
    const secret = newWebhookSecret();
    const webhookId = randomUUID();
    const webhook = await insertWebhook(trx, {
      webhook_id: webhookId,
      brand_id: request.brandId,
      url: request.url,
      event_types: request.eventTypes,
      description: request.description,
      secret: sealSecret(ctx.settings.webhookSecretKeys, webhookId, secret),
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
    issued = { webhookId, secret };
    // Stored under the key as it is: without the secret.
    return create(RegisterWebhookResponseSchema, { webhook: toWebhook(webhook) });
  });
  return response.webhook && response.webhook.webhookId === issued?.webhookId
    ? { ...response, signingSecret: issued.secret }
    : response;
}
