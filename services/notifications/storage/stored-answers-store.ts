import { type Kysely, sql } from "kysely";
import type { NotificationsDatabase } from "./notifications-database.js";

/** An answer stored under an idempotency key. */
export interface StoredAnswerRow {
  readonly scope: string;
  readonly key: string;
  readonly response: Uint8Array;
}

/**
 * Up to `limit` answers stored under keys whose scope starts with `scopePrefix` and whose bytes
 * contain `marker`, after the (scope, key) `after`, in key order.
 */
export async function storedAnswersContaining(
  db: Kysely<NotificationsDatabase>,
  query: {
    readonly scopePrefix: string;
    readonly marker: string;
    readonly after: { readonly scope: string; readonly key: string } | undefined;
    readonly limit: number;
  },
): Promise<StoredAnswerRow[]> {
  let select = db
    .selectFrom("idempotency")
    .select(["scope", "key", "response"])
    .where(sql<boolean>`starts_with(${sql.ref("scope")}, ${query.scopePrefix})`)
    .where(sql<boolean>`position(convert_to(${query.marker}, 'UTF8') in ${sql.ref("response")}) > 0`);
  if (query.after) {
    const { scope, key } = query.after;
    select = select.where((eb) => eb(eb.refTuple("scope", "key"), ">", eb.tuple(scope, key)));
  }
  const rows = await select.orderBy("scope").orderBy("key").limit(query.limit).execute();
  return rows.flatMap((row) => (row.response === null ? [] : [{ ...row, response: row.response }]));
}

/** Replaces a stored answer if it is still `from`. */
export async function replaceStoredAnswer(
  db: Kysely<NotificationsDatabase>,
  row: StoredAnswerRow,
  to: Uint8Array,
): Promise<void> {
  await db
    .updateTable("idempotency")
    .set({ response: Buffer.from(to) })
    .where("scope", "=", row.scope)
    .where("key", "=", row.key)
    .where("response", "=", Buffer.from(row.response))
    .execute();
}
