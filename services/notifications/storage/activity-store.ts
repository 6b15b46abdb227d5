import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import { type ActivityScope, activityChannel, encodeActivityNote } from "../domain/index.js";
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
  await sql`select pg_advisory_xact_lock(hashtextextended('waybill.notifications.activity', 0))`.execute(trx);
  const row = await trx
    .insertInto("activity")
    .values(entry)
    .onConflict((oc) => oc.column("event_id").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) {
    const note = encodeActivityNote({
      sequence: row.sequence,
      brandId: row.brand_id,
      customerId: row.customer_id,
      orderId: row.order_id,
    });
    await sql`select pg_notify(${activityChannel}, ${note})`.execute(trx);
  }
  return row;
}

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
