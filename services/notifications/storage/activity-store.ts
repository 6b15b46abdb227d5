import type { Kysely, Selectable } from "kysely";
import type { ActivityTable, NotificationsDatabase } from "./notifications-database.js";

/** An activity row to record. */
export type NewActivity = Omit<ActivityTable, "sequence" | "recorded_at">;

/** Filters of {@link listActivity}. */
export interface ActivityFilter {
  readonly brandId?: string;
  readonly customerId?: string;
  readonly orderId?: string;
  /** Resume below this sequence (the feed is newest first). */
  readonly before?: number;
  readonly limit: number;
}

/** Records an entry; a second recording of the same event is ignored. */
export async function recordActivity(db: Kysely<NotificationsDatabase>, entry: NewActivity): Promise<void> {
  await db.insertInto("activity").values(entry).onConflict((oc) => oc.column("event_id").doNothing()).execute();
}

/** Pages the feed newest first, fetching one extra row to know whether a next page exists. */
export async function listActivity(db: Kysely<NotificationsDatabase>, filter: ActivityFilter): Promise<Selectable<ActivityTable>[]> {
  let query = db.selectFrom("activity").selectAll().orderBy("sequence", "desc").limit(filter.limit + 1);
  if (filter.brandId) query = query.where("brand_id", "=", filter.brandId);
  if (filter.customerId) query = query.where("customer_id", "=", filter.customerId);
  if (filter.orderId) query = query.where("order_id", "=", filter.orderId);
  if (filter.before !== undefined) query = query.where("sequence", "<", filter.before);
  return query.execute();
}
