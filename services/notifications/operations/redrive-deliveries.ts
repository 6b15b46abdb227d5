import { NotificationRedrivenSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import {
  type NotificationRow,
  type NotificationsDatabase,
  type RedriveQuery,
  redriveDeadDeliveries,
} from "../storage/index.js";
import { emitNotificationEvent } from "./notification-events.js";
import { toNotification } from "./notification-messages.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Puts DEAD webhook deliveries back to PENDING with their attempts reset, in `trx`, and publishes
 * NotificationRedriven for each (with who did it). The senders take them at once and retry them
 * with the usual backoff. Returns the deliveries redriven.
 */
export async function redriveDeliveries(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  query: RedriveQuery,
  actor: string,
): Promise<NotificationRow[]> {
  const rows = await redriveDeadDeliveries(trx, query, ctx.now());
  for (const row of rows)
    await emitNotificationEvent(trx, ctx, row, NotificationRedrivenSchema, {
      notification: toNotification(row),
      actor,
    });
  return rows;
}
