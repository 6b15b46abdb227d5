import type { Kysely } from "kysely";
import type { ChannelName, StatusName } from "../domain/index.js";
import type { NotificationsDatabase } from "./notifications-database.js";

/** How many notifications of one channel wait in one open status. */
export interface BacklogCount {
  readonly channel: ChannelName;
  readonly status: StatusName;
  readonly count: number;
}

/**
 * The notifications still to be sent (PENDING or RETRYING, an attempt in flight included) by
 * channel and status. Open is what `next_attempt_at is not null` means (a check constraint), and
 * the partial index `notifications_due` holds exactly those rows, so this reads the backlog only,
 * never the history of sent and dead ones.
 */
export function countBacklog(db: Kysely<NotificationsDatabase>): Promise<BacklogCount[]> {
  return db
    .selectFrom("notifications")
    .select((eb) => ["channel", "status", eb.fn.countAll<number>().as("count")])
    .where("next_attempt_at", "is not", null)
    .groupBy(["channel", "status"])
    .execute();
}
