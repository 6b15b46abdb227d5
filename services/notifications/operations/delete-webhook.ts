import { create } from "@bufbuild/protobuf";
import { WebhookDeletedSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import {
  type DeleteWebhookRequest,
  DeleteWebhookRequestSchema,
  type DeleteWebhookResponse,
  DeleteWebhookResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { mayActForBrand } from "../../kit/auth/tenancy.js";
import { notFound } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { abandonWebhookDeliveries, findWebhook, markWebhookDeleted } from "../storage/index.js";
import { toWebhook } from "../wire/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Deletes a webhook of the caller's brand (any, for operators): it receives nothing more, its open
 * deliveries are given up (DEAD, "webhook deleted before delivery"), and WebhookDeleted is
 * published. The row stays, so the history of its deliveries keeps its name. NOT_FOUND for an
 * unknown webhook, for another brand's, and for one deleted before (unless this is a retry of the
 * same request).
 */
export async function deleteWebhook(
  ctx: NotificationsContext,
  principal: Principal,
  request: DeleteWebhookRequest,
): Promise<DeleteWebhookResponse> {
  return ctx.db.transaction().execute(async (trx) => {
    // Locked, so a concurrent delete waits and then finds it deleted.
    const webhook = await findWebhook(trx, request.webhookId, { lock: true });
    // Another brand's webhook is answered like a missing one: the answer never tells which ids exist.
    if (!webhook || !mayActForBrand(principal, webhook.brand_id))
      throw notFound(`webhook ${request.webhookId} does not exist`);
    const scope = `DeleteWebhook/${request.webhookId}`;
    return runIdempotent(
      trx,
      { scope, key: request.idempotencyKey, requestSchema: DeleteWebhookRequestSchema, request },
      DeleteWebhookResponseSchema,
      async () => {
        if (webhook.deleted_at) throw notFound(`webhook ${request.webhookId} was deleted before`);
        const now = ctx.now();
        const deleted = await markWebhookDeleted(trx, webhook.webhook_id, now);
        const abandoned = await abandonWebhookDeliveries(trx, webhook.webhook_id, now);
        if (abandoned > 0)
          ctx.logger.info(
            { webhookId: webhook.webhook_id, abandoned },
            "open deliveries of a deleted webhook given up",
          );
        await ctx.outbox.append(trx, {
          schema: WebhookDeletedSchema,
          payload: create(WebhookDeletedSchema, { webhook: toWebhook(deleted) }),
          aggregateId: webhook.webhook_id,
          tenant: webhook.brand_id,
        });
        return create(DeleteWebhookResponseSchema, { webhook: toWebhook(deleted) });
      },
    );
  });
}
