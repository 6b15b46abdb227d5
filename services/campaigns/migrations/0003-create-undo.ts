import { type Kysely, type Migration, sql } from "kysely";

/**
 * Undoing a create the platform accepted but Waybill could not store. When its removal from the
 * platform fails too, the unconfirmed campaign is kept FAILED and the reconciler retries the
 * removal: `sync_attempts` counts the removals tried so far and `retry_at` says when the next one
 * is due (null once the reconciler has given up), so a removal that keeps failing backs off and
 * then stops instead of failing every run.
 */
export const createUndo: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("campaigns")
      .addColumn("sync_attempts", "integer", (col) => col.notNull().defaultTo(0).check(sql`sync_attempts >= 0`))
      .addColumn("retry_at", "timestamptz")
      .execute();
  },
};
