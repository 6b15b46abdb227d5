import type { DescMessage } from "@bufbuild/protobuf";
import { type Kysely, sql } from "kysely";
import type { EventInput, Outbox } from "../../kit/events/index.js";
import type { ChannelName } from "../domain/index.js";
import type { NotificationsDatabase } from "./notifications-database.js";
import type { NotificationRow } from "./notifications-store.js";

const notifications = sql.table("notifications.notifications");

/** A first attempt's claim, decided before the row is known (see {@link claimFirstAttempt}). */
export interface FirstAttemptClaim {
  readonly now: Date;
  /** The claim token of the attempt. */
  readonly token: string;
  /** When the notification is due again should the attempt never be recorded (its lease). */
  readonly leaseUntil: Date;
}

/** What {@link claimFirstAttempt} found. */
export type FirstAttemptOutcome =
  | { readonly kind: "claimed"; readonly row: NotificationRow }
  /** The notification due longest ago has been attempted before: claim it the long way. */
  | { readonly kind: "retry-due" }
  | { readonly kind: "none" };

/**
 * Claims the notification of `channel` due longest ago in ONE statement (no transaction around
 * it) when it has never been attempted, which is what almost every claim finds: its first attempt
 * is counted and leased to `claim.token`. A due notification attempted before (a retry, or an
 * interrupted attempt to report) is only reported, so the caller claims it in a transaction that
 * decides from its history; the order of claims stays "due longest ago first".
 */
export async function claimFirstAttempt(
  db: Kysely<NotificationsDatabase>,
  channel: ChannelName,
  claim: FirstAttemptClaim,
): Promise<FirstAttemptOutcome> {
  const result = await sql<NotificationRow & { readonly due: number }>`
    with due as (
      select notification_id, attempts, claim_token from ${notifications}
      where channel = ${channel} and next_attempt_at <= ${claim.now}::timestamptz
      order by next_attempt_at limit 1
      for update skip locked
    ), claimed as (
      update ${notifications} n
      set attempts = 1, last_attempt_at = ${claim.now}::timestamptz, claim_token = ${claim.token}::uuid,
          next_attempt_at = ${claim.leaseUntil}::timestamptz, updated_at = ${claim.now}::timestamptz
      from due where n.notification_id = due.notification_id and due.attempts = 0 and due.claim_token is null
      returning n.*
    )
    select claimed.*, (select count(*) from due)::integer as due from (select 1) as one left join claimed on true
  `.execute(db);
  const row = result.rows[0];
  if (row?.notification_id) {
    const { due: _due, ...claimed } = row;
    return { kind: "claimed", row: claimed as NotificationRow };
  }
  return row && row.due > 0 ? { kind: "retry-due" } : { kind: "none" };
}

/**
 * Records a sent attempt in ONE statement, only while the lease is the caller's: the notification
 * becomes `sent` and its events (built from the row as it will be) go to the outbox with it.
 * Returns the notification after it, or `undefined` when the lease was lost (nothing written).
 */
export async function recordSent(
  db: Kysely<NotificationsDatabase>,
  outbox: Outbox,
  sent: { readonly notificationId: string; readonly token: string; readonly now: Date },
  events: readonly EventInput<DescMessage>[],
): Promise<NotificationRow | undefined> {
  const result = await sql<NotificationRow>`
    with sent as (
      update ${notifications}
      set status = 'sent', sent_at = ${sent.now}::timestamptz, next_attempt_at = null, claim_token = null,
          updated_at = ${sent.now}::timestamptz
      where notification_id = ${sent.notificationId}::uuid and claim_token = ${sent.token}::uuid
      returning *
    ), events as (${outbox.insert(events, { onlyIf: "sent" })})
    select sent.*, ${outbox.notify} as notified from sent
  `.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const { notified: _notified, ...notification } = row as NotificationRow & { readonly notified?: unknown };
  return notification as NotificationRow;
}
