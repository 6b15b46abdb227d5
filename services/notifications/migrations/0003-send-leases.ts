import type { Kysely, Migration } from "kysely";

/**
 * Send leases. A sender claims a due notification in a short transaction: it counts the attempt
 * at once (`attempts`, `last_attempt_at`), writes a fresh `claim_token` and moves `next_attempt_at`
 * to the end of its lease; it sends with no transaction open and records the outcome only while
 * the token is still its own, clearing it. A token still set on a due row therefore means that
 * attempt was interrupted (a crash, a freeze, a lost database) before its outcome was recorded.
 */
export const sendLeases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("notifications")
      // The lease of the attempt in flight; null when none is.
      .addColumn("claim_token", "uuid")
      // When the last attempt began.
      .addColumn("last_attempt_at", "timestamptz")
      .execute();
  },
};
