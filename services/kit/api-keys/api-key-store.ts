import type { Kysely, Selectable } from "kysely";
import type { AccessDatabase, ApiKeysTable } from "./access-database.js";

/** A stored key (its secret only as a hash). */
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** Where the previous page of {@link listApiKeyRows} ended. */
export interface ApiKeyListPosition {
  readonly createdAt: Date;
  readonly keyId: string;
}

/** The filter, position and size of one read of {@link listApiKeyRows}. */
export interface ApiKeyListQuery {
  /** One brand's keys; `undefined` for every brand's. */
  readonly brandId: string | undefined;
  readonly includeRevoked: boolean;
  readonly after: ApiKeyListPosition | undefined;
  readonly limit: number;
}

/** Records a newly issued key. */
export async function insertApiKey(db: Kysely<AccessDatabase>, row: ApiKeyRow): Promise<void> {
  await db.insertInto("api_keys").values(row).execute();
}

/** Reads one key by id, or `undefined`. */
export async function findApiKey(db: Kysely<AccessDatabase>, keyId: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom("api_keys").selectAll().where("key_id", "=", keyId).executeTakeFirst();
}

/** Keys newest first (ties by id, so pages never overlap), after the position, at most `limit`. */
export async function listApiKeyRows(db: Kysely<AccessDatabase>, query: ApiKeyListQuery): Promise<ApiKeyRow[]> {
  let select = db
    .selectFrom("api_keys")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("key_id", "desc")
    .limit(query.limit);
  if (query.brandId !== undefined) select = select.where("brand_id", "=", query.brandId);
  if (!query.includeRevoked) select = select.where("revoked_at", "is", null);
  const after = query.after;
  if (after) {
    select = select.where((eb) =>
      eb(eb.refTuple("created_at", "key_id"), "<", eb.tuple(after.createdAt as never, after.keyId)),
    );
  }
  return select.execute();
}

/**
 * Sets the revoke time of a key not yet revoked and returns the key as it then is (an already
 * revoked key keeps its first time); `undefined` when there is no such key.
 */
export async function revokeApiKeyRow(
  db: Kysely<AccessDatabase>,
  keyId: string,
  at: Date,
): Promise<ApiKeyRow | undefined> {
  const revoked = await db
    .updateTable("api_keys")
    .set({ revoked_at: at })
    .where("key_id", "=", keyId)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  return revoked ?? findApiKey(db, keyId);
}

/** Records a use of a key unless one was recorded less than `minIntervalMs` before `at`. */
export async function touchApiKey(
  db: Kysely<AccessDatabase>,
  keyId: string,
  at: Date,
  minIntervalMs: number,
): Promise<void> {
  await db
    .updateTable("api_keys")
    .set({ last_used_at: at })
    .where("key_id", "=", keyId)
    .where((eb) =>
      eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(at.getTime() - minIntervalMs))]),
    )
    .execute();
}
