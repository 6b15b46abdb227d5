import { type Kysely, type Migration, sql } from "kysely";

const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

/** Template names as stored; the contract's `NotificationTemplate` values. */
const templates = [
  "welcome",
  "order_placed",
  "order_status_changed",
  "order_delivered",
  "stock_low",
  "out_of_stock",
  "webhook_event",
];

/**
 * Emails and webhook deliveries, the webhooks, brand contacts and the customers' addresses.
 * The database keeps the rules the code relies on: one notification per (event, channel,
 * recipient) — the consumer inserts with ON CONFLICT DO NOTHING, so a redelivered or replayed
 * event adds nothing — and one live webhook per brand and URL. Due times are columns, so any
 * replica's sender picks up what is due.
 */
export const notificationsAndWebhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("webhooks")
      .addColumn("webhook_id", "uuid", (col) => col.primaryKey())
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("url", "text", (col) => col.notNull())
      .addColumn("event_types", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
      .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
      // The HMAC key of every delivery; shown to the brand once, never listed or published.
      .addColumn("secret", "text", (col) => col.notNull())
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("deleted_at", "timestamptz")
      .execute();
    await db.schema
      .createIndex("webhooks_live_url")
      .on("webhooks")
      .columns(["brand_id", "url"])
      .unique()
      .where(sql.ref("deleted_at"), "is", null)
      .execute();
    await db.schema
      .createIndex("webhooks_by_brand")
      .on("webhooks")
      .columns(["brand_id", "created_at", "webhook_id"])
      .execute();

    await db.schema
      .createTable("notifications")
      .addColumn("notification_id", "uuid", (col) => col.primaryKey())
      .addColumn("event_id", "uuid", (col) => col.notNull())
      .addColumn("event_type", "text", (col) => col.notNull())
      .addColumn("channel", "text", (col) => col.notNull().check(sql`channel in (${list(["email", "webhook"])})`))
      // An email address (lower case) or a webhook's URL.
      .addColumn("recipient", "text", (col) => col.notNull())
      .addColumn("brand_id", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("customer_id", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("webhook_id", "uuid", (col) => col.references("webhooks.webhook_id"))
      .addColumn("template", "text", (col) => col.notNull().check(sql`template in (${list(templates)})`))
      .addColumn("subject", "text", (col) => col.notNull().defaultTo(""))
      // The email's text part, or the webhook's JSON body (signed as it is stored).
      .addColumn("body", "text", (col) => col.notNull())
      .addColumn("html", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("status", "text", (col) =>
        col.notNull().check(sql`status in (${list(["pending", "retrying", "sent", "dead"])})`),
      )
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("last_error", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("next_attempt_at", "timestamptz")
      .addColumn("sent_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .addUniqueConstraint("notifications_once_per_recipient", ["event_id", "channel", "recipient"])
      .addCheckConstraint("notifications_webhook_named", sql`(channel = 'webhook') = (webhook_id is not null)`)
      .addCheckConstraint(
        "notifications_due_while_open",
        sql`(status in ('pending', 'retrying')) = (next_attempt_at is not null)`,
      )
      .execute();
    await db.schema
      .createIndex("notifications_due")
      .on("notifications")
      .columns(["channel", "next_attempt_at"])
      .where(sql.ref("next_attempt_at"), "is not", null)
      .execute();
    await db.schema
      .createIndex("notifications_by_time")
      .on("notifications")
      .columns(["created_at", "notification_id"])
      .execute();
    await db.schema
      .createIndex("notifications_by_brand")
      .on("notifications")
      .columns(["brand_id", "created_at", "notification_id"])
      .execute();
    await db.schema
      .createIndex("notifications_by_webhook")
      .on("notifications")
      .columns(["webhook_id", "status"])
      .where(sql.ref("webhook_id"), "is not", null)
      .execute();

    await db.schema
      .createTable("brand_contacts")
      .addColumn("brand_id", "text", (col) => col.primaryKey())
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .execute();

    // Customers' addresses, kept from Orders' CustomerCreated and CustomerUpdated events.
    await db.schema
      .createTable("customers")
      .addColumn("customer_id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("email", "text", (col) => col.notNull())
      // Time of the event (or lookup) the row comes from; an older event never overwrites a newer one.
      .addColumn("as_of", "timestamptz", (col) => col.notNull())
      .execute();
  },
};
