import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { NotificationsDatabase, WebhooksTable } from "./notifications-database.js";

/** A webhook row as read (with its secret: never hand it out). */
export type WebhookRow = Selectable<WebhooksTable>;

/**
 * Inserts a webhook in `trx`. Returns "url_taken" when the brand already has a live webhook with
 * this URL (the unique index), so one event reaches one URL once.
 */
export async function insertWebhook(
  trx: Kysely<NotificationsDatabase>,
  row: Insertable<WebhooksTable>,
): Promise<WebhookRow | "url_taken"> {
  const inserted = await trx
    .insertInto("webhooks")
    .values(row)
    .onConflict((oc) => oc.columns(["brand_id", "url"]).where("deleted_at", "is", null).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? "url_taken";
}

/** One webhook (deleted ones too), or `undefined`; `lock` holds its row until `trx` ends. */
export async function findWebhook(
  db: Kysely<NotificationsDatabase>,
  webhookId: string,
  options: { readonly lock?: boolean } = {},
): Promise<WebhookRow | undefined> {
  const query = db.selectFrom("webhooks").selectAll().where("webhook_id", "=", webhookId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The live webhooks of a brand (what an event of the brand may go to). */
export async function liveWebhooksOf(db: Kysely<NotificationsDatabase>, brandId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom("webhooks")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("deleted_at", "is", null)
    .execute();
}

/** Live webhooks oldest first, of one brand or all, after a (created, id) position. */
export async function listWebhooks(
  db: Kysely<NotificationsDatabase>,
  query: {
    readonly brandId?: string;
    readonly after?: { readonly createdAt: Date; readonly webhookId: string };
    readonly limit: number;
  },
): Promise<WebhookRow[]> {
  let select = db.selectFrom("webhooks").selectAll().where("deleted_at", "is", null);
  if (query.brandId) select = select.where("brand_id", "=", query.brandId);
  if (query.after) {
    const { createdAt, webhookId } = query.after;
    select = select.where((eb) => eb(eb.refTuple("created_at", "webhook_id"), ">", eb.tuple(createdAt, webhookId)));
  }
  return select.orderBy("created_at").orderBy("webhook_id").limit(query.limit).execute();
}

/** Marks a webhook deleted in `trx`, wiping its secret (nothing is signed for it again), and returns it. */
export async function markWebhookDeleted(
  trx: Kysely<NotificationsDatabase>,
  webhookId: string,
  now: Date,
): Promise<WebhookRow> {
  return trx
    .updateTable("webhooks")
    .set({ deleted_at: now, secret: null })
    .where("webhook_id", "=", webhookId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A stored secret to re-seal: its webhook and the value read. */
export interface StoredSecret {
  readonly webhook_id: string;
  readonly secret: string;
}

/**
 * Up to `limit` live webhooks whose secret does not start with `currentKeyPrefix` (plain ones
 * of an older Waybill, or sealed with an older key), after `afterId`, in id order.
 */
export async function secretsToReseal(
  db: Kysely<NotificationsDatabase>,
  query: { readonly currentKeyPrefix: string; readonly afterId: string | undefined; readonly limit: number },
): Promise<StoredSecret[]> {
  let select = db
    .selectFrom("webhooks")
    .select(["webhook_id", "secret"])
    .where("deleted_at", "is", null)
    .where("secret", "is not", null)
    .where(sql<boolean>`not starts_with(${sql.ref("secret")}, ${query.currentKeyPrefix})`);
  if (query.afterId) select = select.where("webhook_id", ">", query.afterId);
  const rows = await select.orderBy("webhook_id").limit(query.limit).execute();
  return rows.flatMap((row) => (row.secret === null ? [] : [{ webhook_id: row.webhook_id, secret: row.secret }]));
}

/** Replaces a webhook's stored secret if it still holds `from` (another replica may have been first). */
export async function replaceWebhookSecret(
  db: Kysely<NotificationsDatabase>,
  webhookId: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable("webhooks")
    .set({ secret: to })
    .where("webhook_id", "=", webhookId)
    .where("secret", "=", from)
    .execute();
}
