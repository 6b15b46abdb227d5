import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import { type ActivityScope, activityChannel } from "../domain/index.js";
import type { ActivityTable, NotificationsDatabase } from "./notifications-database.js";

/** An activity row as read. */
export type ActivityRow = Selectable<ActivityTable>;

/** An activity row to record. */
export type NewActivity = Omit<ActivityTable, "sequence" | "recorded_at">;

/**
 * Records an entry in `trx` and announces it on {@link activityChannel} when `trx` commits.
 * Returns the entry, or `undefined` when the event was recorded before (a replay).
 *
 * Entries become visible in sequence order: the sequence is drawn under a transaction-scoped
 * advisory lock held until commit, so no entry can commit after a higher one. A reader that has
 * seen sequence N therefore never misses a later entry by asking for "after N". The lock is taken
 * last in the consumer's transaction, so it is held only for this insert and the commit.
 */
export async function recordActivity(
  trx: Kysely<NotificationsDatabase>,
  entry: NewActivity,
): Promise<ActivityRow | undefined> {
  // One statement: the lock (taken before the sequence is drawn), the insert and the NOTIFY.
  const result = await sql<ActivityRow & { readonly announced: unknown }>`
    with locked as (
      select pg_advisory_xact_lock(hashtextextended('waybill.notifications.activity', 0))
    ), recorded as (
      insert into ${sql.table("notifications.activity")}
        (event_id, event_type, aggregate_id, brand_id, customer_id, order_id, summary, event_time)
      select ${entry.event_id}::uuid, ${entry.event_type}, ${entry.aggregate_id}, ${entry.brand_id}, ${entry.customer_id},
             ${entry.order_id}, ${entry.summary}, ${entry.event_time}::timestamptz
      from locked
      on conflict (event_id) do nothing
      returning *
    )
    select recorded.*, pg_notify(${activityChannel}, ${noteSql}) as announced from recorded
  `.execute(trx);
  const row = result.rows[0];
  if (!row) return undefined;
  const { announced: _announced, ...recorded } = row;
  return recorded;
}

/** The payload `encodeActivityNote` writes, built in SQL from the row just recorded. */
const noteSql = sql`json_build_object('s', recorded.sequence, 'b', recorded.brand_id, 'c', recorded.customer_id, 'o', recorded.order_id)::text`;

/** Filters of {@link listActivity}. */
export interface ActivityFilter extends ActivityScope {
  /** Entries below this sequence only (the feed is read newest first). */
  readonly before?: number;
  readonly limit: number;
}

type ActivityQuery = SelectQueryBuilder<NotificationsDatabase, "activity", ActivityRow>;

function scoped(query: ActivityQuery, scope: ActivityScope): ActivityQuery {
  let next = query;
  if (scope.brandId) next = next.where("brand_id", "=", scope.brandId);
  if (scope.customerId) next = next.where("customer_id", "=", scope.customerId);
  if (scope.orderId) next = next.where("order_id", "=", scope.orderId);
  return next;
}

/** A page of a feed, newest first. */
export async function listActivity(db: Kysely<NotificationsDatabase>, filter: ActivityFilter): Promise<ActivityRow[]> {
  let query = scoped(db.selectFrom("activity").selectAll(), filter);
  if (filter.before !== undefined) query = query.where("sequence", "<", filter.before);
  return query.orderBy("sequence", "desc").limit(filter.limit).execute();
}

/** The entries of a feed after `after`, oldest first. */
export async function activityAfter(
  db: Kysely<NotificationsDatabase>,
  scope: ActivityScope,
  after: number,
  limit: number,
): Promise<ActivityRow[]> {
  return scoped(db.selectFrom("activity").selectAll(), scope)
    .where("sequence", ">", after)
    .orderBy("sequence")
    .limit(limit)
    .execute();
}

/** The highest sequence committed so far (0 for an empty feed). */
export async function latestActivitySequence(db: Kysely<NotificationsDatabase>): Promise<number> {
  const row = await db
    .selectFrom("activity")
    .select((eb) => eb.fn.max("sequence").as("latest"))
    .executeTakeFirst();
  return Number(row?.latest ?? 0);
}
