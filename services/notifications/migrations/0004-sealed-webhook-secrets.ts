import { type Kysely, type Migration, sql } from "kysely";

/**
 * Webhook secrets at rest. `secret` now holds the signing secret sealed with a
 * `WEBHOOK_SECRET_KEY` (AES-256-GCM), and null once the webhook is deleted, so the secrets of
 * deleted webhooks are wiped here. The key is configuration the schema cannot know: live rows
 * stored in plain text are sealed by Notifications at start (`sealWebhookSecrets`), as are
 * secrets stored in the answers of RegisterWebhook's idempotency keys, which it strips.
 */
export const sealedWebhookSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("webhooks")
      .alterColumn("secret", (col) => col.dropNotNull())
      .execute();
    await sql`update webhooks set secret = null where deleted_at is not null`.execute(db);
  },
};
