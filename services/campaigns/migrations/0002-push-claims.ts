import { type Kysely, type Migration, sql } from "kysely";

/**
 * Platform calls outside transactions. A campaign is claimed for one platform call with a lease
 * (`push_token`, `push_until`) in a short transaction, the call runs with no transaction open, and
 * the outcome is recorded in another one while the lease is still the caller's. The event a
 * change owes is kept with the claim (`push_event`, `push_fields`, `push_actor`) until the outcome
 * is recorded, so a replica dying mid-call loses no event. A create is stored before its platform
 * call, without a platform id (`platform_campaign_id` empty, hidden from readers) and with the
 * fingerprint of its request, so the one platform campaign per key is linked to exactly one row;
 * the link to a platform campaign is therefore unique only once it is known. `reconcile_lease`
 * lets one reconcile run at a time without holding a transaction for the whole run.
 */
export const pushClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("campaigns")
      .addColumn("push_token", "uuid")
      .addColumn("push_until", "timestamptz")
      .addColumn("push_event", "text", (col) => col.check(sql`push_event in ('created', 'updated', 'archived')`))
      .addColumn("push_fields", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
      .addColumn("push_actor", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("create_request_hash", "text", (col) => col.notNull().defaultTo(""))
      .execute();
    await db.schema.alterTable("campaigns").dropConstraint("campaigns_platform_campaign").execute();
    await db.schema
      .createIndex("campaigns_platform_campaign")
      .unique()
      .on("campaigns")
      .columns(["platform", "platform_campaign_id"])
      .where(sql.ref("platform_campaign_id"), "<>", "")
      .execute();
    await db.schema
      .createIndex("campaigns_unconfirmed_creates")
      .on("campaigns")
      .columns(["platform", "push_until"])
      .where(sql.ref("platform_campaign_id"), "=", "")
      .execute();
    await db.schema
      .createTable("reconcile_lease")
      .addColumn("name", "text", (col) => col.primaryKey())
      .addColumn("holder", "uuid", (col) => col.notNull())
      .addColumn("held_until", "timestamptz", (col) => col.notNull())
      .execute();
  },
};
