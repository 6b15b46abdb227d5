import { type Kysely, type Migration, sql } from "kysely";

const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

/**
 * Campaigns, their stats and the orders attributed to them. The database keeps the rules the code
 * relies on: a promo code is unique among a brand's campaigns that are not archived (a partial
 * unique index), a platform campaign is linked to one local campaign at most, the end follows the
 * start, and each order is attributed once (its id is the key), so a cancellation subtracts exactly
 * what the placement added.
 */
export const campaignsAndStats: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("campaigns")
      .addColumn("campaign_id", "uuid", (col) => col.primaryKey())
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("platform", "text", (col) => col.notNull())
      .addColumn("currency_code", "text", (col) => col.notNull())
      .addColumn("budget_minor", "bigint", (col) => col.notNull().check(sql`budget_minor > 0`))
      .addColumn("start_at", "timestamptz", (col) => col.notNull())
      .addColumn("end_at", "timestamptz", (col) => col.notNull())
      .addColumn("status", "text", (col) =>
        col.notNull().check(sql`status in (${list(["draft", "active", "paused", "archived"])})`),
      )
      .addColumn("promo_code", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("platform_campaign_id", "text", (col) => col.notNull())
      .addColumn("sync_state", "text", (col) =>
        col.notNull().check(sql`sync_state in (${list(["pending", "synced", "failed", "local_only"])})`),
      )
      .addColumn("last_sync_error", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("last_sync_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .addColumn("archived_at", "timestamptz")
      .addCheckConstraint("campaigns_end_after_start", sql`end_at > start_at`)
      .addCheckConstraint("campaigns_archived_at", sql`(status = 'archived') = (archived_at is not null)`)
      .addUniqueConstraint("campaigns_platform_campaign", ["platform", "platform_campaign_id"])
      .execute();
    await db.schema
      .createIndex("campaigns_promo_code")
      .unique()
      .on("campaigns")
      .columns(["brand_id", "promo_code"])
      .where(sql.ref("promo_code"), "<>", "")
      .where(sql.ref("status"), "<>", "archived")
      .execute();
    await db.schema
      .createIndex("campaigns_by_created")
      .on("campaigns")
      .columns(["brand_id", "created_at", "campaign_id"])
      .execute();
    await db.schema
      .createIndex("campaigns_by_name")
      .on("campaigns")
      .expression(sql`brand_id, lower(name), campaign_id`)
      .execute();
    await db.schema
      .createIndex("campaigns_by_budget")
      .on("campaigns")
      .columns(["brand_id", "budget_minor", "campaign_id"])
      .execute();
    await db.schema
      .createIndex("campaigns_by_start")
      .on("campaigns")
      .columns(["brand_id", "start_at", "campaign_id"])
      .execute();

    await db.schema
      .createTable("campaign_stats")
      .addColumn("campaign_id", "uuid", (col) => col.primaryKey().references("campaigns.campaign_id"))
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("currency_code", "text", (col) => col.notNull())
      .addColumn("orders", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("units", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("revenue_minor", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("cancelled_orders", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .addCheckConstraint(
        "campaign_stats_not_negative",
        sql`orders >= 0 and units >= 0 and revenue_minor >= 0 and cancelled_orders >= 0`,
      )
      .execute();

    await db.schema
      .createTable("order_attributions")
      .addColumn("order_id", "uuid", (col) => col.primaryKey())
      .addColumn("campaign_id", "uuid", (col) => col.notNull().references("campaigns.campaign_id"))
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("placed", "boolean", (col) => col.notNull())
      .addColumn("cancelled", "boolean", (col) => col.notNull())
      .addColumn("units", "bigint", (col) => col.notNull())
      .addColumn("revenue_minor", "bigint", (col) => col.notNull())
      .addColumn("returned_units", "bigint", (col) => col.notNull())
      .addColumn("returned_minor", "bigint", (col) => col.notNull())
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("order_attributions_by_campaign")
      .on("order_attributions")
      .column("campaign_id")
      .execute();
  },
};
