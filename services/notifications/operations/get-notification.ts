import { assertBrandAccess, type Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { findNotification, type NotificationRow } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * One notification, for a caller who may see it: admins any, a brand or partner their brand's.
 * NOT_FOUND when it does not exist, PERMISSION_DENIED when it is another brand's.
 */
export async function getNotification(
  ctx: NotificationsContext,
  principal: Principal,
  notificationId: string,
): Promise<NotificationRow> {
  const row = await findNotification(ctx.db, notificationId);
  if (!row) throw notFound(`notification ${notificationId} does not exist`);
  assertBrandAccess(principal, row.brand_id);
  return row;
}
