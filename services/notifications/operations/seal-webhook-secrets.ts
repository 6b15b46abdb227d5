import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { RegisterWebhookResponseSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { currentKeyPrefix, openSecret, sealSecret } from "../domain/index.js";
import {
  replaceStoredAnswer,
  replaceWebhookSecret,
  secretsToReseal,
  storedAnswersContaining,
} from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Rows handled per statement. */
const batch = 100;

/**
 * Brings secrets at rest up to date, once at start: live webhooks' secrets stored in plain text (by
 * an older Waybill) or sealed with a key other than the first of `WEBHOOK_SECRET_KEY` are sealed
 * with the first, and secrets inside stored RegisterWebhook answers are stripped. Each row is
 * replaced only if unchanged, so replicas starting together agree. A secret whose key is not
 * configured is left as it is and logged (its deliveries fail until the key is back).
 */
export async function sealWebhookSecrets(ctx: NotificationsContext): Promise<void> {
  const ring = ctx.settings.webhookSecretKeys;
  let resealed = 0;
  let afterId: string | undefined;
  for (;;) {
    const rows = await secretsToReseal(ctx.db, { currentKeyPrefix: currentKeyPrefix(ring), afterId, limit: batch });
    for (const row of rows) {
      try {
        const secret = openSecret(ring, row.webhook_id, row.secret);
        await replaceWebhookSecret(ctx.db, row.webhook_id, row.secret, sealSecret(ring, row.webhook_id, secret));
        resealed++;
      } catch (error) {
        ctx.logger.error({ webhookId: row.webhook_id }, `webhook secret not re-sealed: ${(error as Error).message}`);
      }
    }
    if (rows.length < batch) break;
    afterId = rows.at(-1)?.webhook_id;
  }
  if (resealed > 0) ctx.logger.info({ resealed, keyId: ring.current.id }, "webhook secrets sealed with the first key");
  await stripStoredSecrets(ctx);
}

/** Removes the signing secret from every stored RegisterWebhook answer (kept by older Waybills). */
async function stripStoredSecrets(ctx: NotificationsContext): Promise<void> {
  let stripped = 0;
  let after: { scope: string; key: string } | undefined;
  for (;;) {
    const rows = await storedAnswersContaining(ctx.db, {
      scopePrefix: "RegisterWebhook/",
      marker: "whsec_",
      after,
      limit: batch,
    });
    for (const row of rows) {
      const answer = fromBinary(RegisterWebhookResponseSchema, row.response);
      if (answer.signingSecret === "") continue;
      answer.signingSecret = "";
      await replaceStoredAnswer(ctx.db, row, toBinary(RegisterWebhookResponseSchema, answer));
      stripped++;
    }
    if (rows.length < batch) break;
    const last = rows.at(-1);
    after = last && { scope: last.scope, key: last.key };
  }
  if (stripped > 0) ctx.logger.info({ stripped }, "signing secrets removed from stored RegisterWebhook answers");
}
