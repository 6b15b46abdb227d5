import type { Principal } from "../../kit/auth/index.js";
import { mayActForBrand } from "../../kit/auth/tenancy.js";
import { notFound } from "../../kit/errors/index.js";
import { findNotification, type NotificationRow } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * One notification, for a caller who may see it: admins any, a brand or partner their brand's.
 * NOT_FOUND when it does not exist, and the same answer when it is another brand's (or the
 * platform's), so that the answer never tells which ids exist.
 */
export async function getNotification(
  ctx: NotificationsContext,
  principal: Principal,
  notificationId: string,
): Promise<NotificationRow> {
  const row = await findNotification(ctx.db, notificationId);
  if (!row || !mayActForBrand(principal, row.brand_id)) throw notFound(`notification ${notificationId} does not exist`);
  return row;
}
