import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import { type ChannelName, openStatuses, type StatusName, type TemplateName } from "../domain/index.js";
import type { NotificationsDatabase, NotificationsTable } from "./notifications-database.js";

/** A notification row as read. */
export type NotificationRow = Selectable<NotificationsTable>;

/** A notification to create. */
export type NewNotification = Insertable<NotificationsTable>;

/** A change to a notification. */
export type NotificationUpdate = Updateable<NotificationsTable>;

/**
 * Inserts notifications in `trx`, skipping every one whose (event, channel, recipient) exists:
 * the guard that makes a redelivered or replayed event, on any replica, notify nobody twice.
 * Returns the rows actually inserted.
 */
export async function insertNotifications(
  trx: Kysely<NotificationsDatabase>,
  rows: readonly NewNotification[],
): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto("notifications")
    .values([...rows])
    .onConflict((oc) => oc.columns(["event_id", "channel", "recipient"]).doNothing())
    .returningAll()
    .execute();
}

/**
 * The notification of `channel` due longest ago, locked until `trx` ends; rows another sender is
 * claiming are skipped (`FOR UPDATE SKIP LOCKED`). A notification whose attempt is in flight is
 * not due (its `next_attempt_at` is the end of the lease), so the claim that follows in the same
 * short transaction keeps every other sender away until the lease runs out. `undefined` when
 * nothing is due.
 */
export async function claimDueNotification(
  trx: Kysely<NotificationsDatabase>,
  channel: ChannelName,
  now: Date,
): Promise<NotificationRow | undefined> {
  return trx
    .selectFrom("notifications")
    .selectAll()
    .where("channel", "=", channel)
    .where("next_attempt_at", "<=", now)
    .orderBy("next_attempt_at")
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Applies `update` to one notification and returns it. */
export async function updateNotification(
  trx: Kysely<NotificationsDatabase>,
  notificationId: string,
  update: NotificationUpdate,
): Promise<NotificationRow> {
  return trx
    .updateTable("notifications")
    .set(update)
    .where("notification_id", "=", notificationId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Applies `update` to a notification only while `claimToken` is its lease (the attempt in flight
 * is still the caller's), and returns it; `undefined` when the lease was lost (it ran out and
 * another sender claimed the notification, or its webhook was deleted meanwhile).
 */
export async function updateClaimedNotification(
  trx: Kysely<NotificationsDatabase>,
  notificationId: string,
  claimToken: string,
  update: NotificationUpdate,
): Promise<NotificationRow | undefined> {
  return trx
    .updateTable("notifications")
    .set(update)
    .where("notification_id", "=", notificationId)
    .where("claim_token", "=", claimToken)
    .returningAll()
    .executeTakeFirst();
}

/** One notification, or `undefined`. */
export async function findNotification(
  db: Kysely<NotificationsDatabase>,
  notificationId: string,
): Promise<NotificationRow | undefined> {
  return db.selectFrom("notifications").selectAll().where("notification_id", "=", notificationId).executeTakeFirst();
}

/** Filters and position of a notification list page (newest first). */
export interface NotificationListQuery {
  readonly brandId?: string;
  readonly customerId?: string;
  readonly channel?: ChannelName;
  readonly recipient?: string;
  readonly template?: TemplateName;
  readonly statuses: readonly StatusName[];
  readonly webhookId?: string;
  readonly createdAfter?: Date;
  readonly createdBefore?: Date;
  /** Continue after this (created, id), going back in time. */
  readonly after?: { readonly createdAt: Date; readonly notificationId: string };
  readonly limit: number;
}

/** Notifications newest first (by creation time, then id). */
export async function listNotifications(
  db: Kysely<NotificationsDatabase>,
  query: NotificationListQuery,
): Promise<NotificationRow[]> {
  let select = db.selectFrom("notifications").selectAll();
  if (query.brandId !== undefined) select = select.where("brand_id", "=", query.brandId);
  if (query.customerId) select = select.where("customer_id", "=", query.customerId);
  if (query.channel) select = select.where("channel", "=", query.channel);
  if (query.recipient) select = select.where("recipient", "=", query.recipient);
  if (query.template) select = select.where("template", "=", query.template);
  if (query.statuses.length > 0) select = select.where("status", "in", query.statuses);
  if (query.webhookId) select = select.where("webhook_id", "=", query.webhookId);
  if (query.createdAfter) select = select.where("created_at", ">=", query.createdAfter);
  if (query.createdBefore) select = select.where("created_at", "<", query.createdBefore);
  if (query.after) {
    const { createdAt, notificationId } = query.after;
    select = select.where((eb) =>
      eb(eb.refTuple("created_at", "notification_id"), "<", eb.tuple(createdAt, notificationId)),
    );
  }
  return select.orderBy("created_at", "desc").orderBy("notification_id", "desc").limit(query.limit).execute();
}

/** Which DEAD webhook deliveries a redrive takes. */
export interface RedriveQuery {
  readonly brandId: string;
  readonly webhookId?: string;
  readonly notificationIds: readonly string[];
}

/**
 * Puts the matching DEAD deliveries to live webhooks back to PENDING, due now, with their attempts
 * and last error cleared, in `trx`. Deliveries that are not DEAD, or whose webhook was deleted,
 * are left alone. Returns the rows redriven.
 */
export async function redriveDeadDeliveries(
  trx: Kysely<NotificationsDatabase>,
  query: RedriveQuery,
  now: Date,
): Promise<NotificationRow[]> {
  let update = trx
    .updateTable("notifications")
    .set({ status: "pending", attempts: 0, last_error: "", next_attempt_at: now, updated_at: now })
    .where("channel", "=", "webhook")
    .where("status", "=", "dead")
    .where("brand_id", "=", query.brandId)
    .where("webhook_id", "in", (eb) =>
      eb
        .selectFrom("webhooks")
        .select("webhook_id")
        .where("brand_id", "=", query.brandId)
        .where("deleted_at", "is", null),
    );
  if (query.webhookId) update = update.where("webhook_id", "=", query.webhookId);
  if (query.notificationIds.length > 0) update = update.where("notification_id", "in", query.notificationIds);
  return update.returningAll().execute();
}

/**
 * Gives up the open deliveries of a deleted webhook in `trx` (DEAD, "webhook deleted"), revoking
 * the lease of any attempt in flight so its sender records nothing over it.
 */
export async function abandonWebhookDeliveries(
  trx: Kysely<NotificationsDatabase>,
  webhookId: string,
  now: Date,
): Promise<number> {
  const rows = await trx
    .updateTable("notifications")
    .set({
      status: "dead",
      last_error: "webhook deleted before delivery",
      next_attempt_at: null,
      claim_token: null,
      updated_at: now,
    })
    .where("webhook_id", "=", webhookId)
    .where("status", "in", openStatuses)
    .returning("notification_id")
    .execute();
  return rows.length;
}
