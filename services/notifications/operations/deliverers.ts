import { DeliveryFailure, type MailChannel } from "../channels/index.js";
import { openSecret, webhookRequestHeaders } from "../domain/index.js";
import { findWebhook } from "../storage/index.js";
import type { Deliver } from "./deliver-next.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Sends an email notification through the mail channel (SMTP, or the dev mail folder). */
export function emailDeliverer(mail: MailChannel): Deliver {
  return (row) =>
    mail.send({
      notificationId: row.notification_id,
      to: row.recipient,
      subject: row.subject,
      text: row.body,
      html: row.html,
    });
}

/**
 * POSTs a webhook delivery to its webhook's URL, signed with the webhook's secret at the moment
 * of the attempt. The webhook is read (one query, no transaction) and the request signed before
 * the POST begins, through the webhook channel, which checks the address it connects to. The
 * secret is decrypted only for this signature. A delivery whose webhook was deleted meanwhile
 * fails for good; one whose secret's key is not configured is retried (the key may come back).
 */
export function webhookDeliverer(ctx: NotificationsContext): Deliver {
  return async (row) => {
    const webhook = row.webhook_id ? await findWebhook(ctx.db, row.webhook_id) : undefined;
    if (!webhook || webhook.deleted_at || webhook.secret === null)
      throw new DeliveryFailure("webhook deleted before delivery", true);
    let secret: string;
    try {
      secret = openSecret(ctx.settings.webhookSecretKeys, webhook.webhook_id, webhook.secret);
    } catch (error) {
      ctx.logger.error({ webhookId: webhook.webhook_id }, (error as Error).message);
      throw new DeliveryFailure("webhook secret unreadable");
    }
    const headers = webhookRequestHeaders({
      webhookId: webhook.webhook_id,
      eventId: row.event_id,
      eventType: row.event_type,
      secret,
      body: row.body,
      now: ctx.now(),
    });
    try {
      await ctx.webhooks.post({ url: webhook.url, headers, body: row.body, timeoutMs: ctx.settings.webhookTimeoutMs });
    } catch (error) {
      // The notification keeps only the category; the socket's own error is for the operator.
      if (error instanceof DeliveryFailure && error.cause !== undefined)
        ctx.logger.debug({ err: error.cause, notificationId: row.notification_id }, `webhook attempt ${error.message}`);
      throw error;
    }
  };
}
