import type { Migration } from "kysely";
import { activity } from "./0001-activity.js";
import { notificationsAndWebhooks } from "./0002-notifications-and-webhooks.js";
import { sendLeases } from "./0003-send-leases.js";
import { sealedWebhookSecrets } from "./0004-sealed-webhook-secrets.js";
import { traceParents } from "./0005-trace-parents.js";

/** Migrations of the `notifications` schema, applied in key order at start. */
export const notificationsMigrations: Readonly<Record<string, Migration>> = {
  "0001-activity": activity,
  "0002-notifications-and-webhooks": notificationsAndWebhooks,
  "0003-send-leases": sendLeases,
  "0004-sealed-webhook-secrets": sealedWebhookSecrets,
  "0005-trace-parents": traceParents,
};
