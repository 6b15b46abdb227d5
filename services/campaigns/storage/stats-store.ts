import { type Kysely, type Selectable, sql } from "kysely";
import type { StatsDelta } from "../domain/index.js";
import type { CampaignStatsTable, CampaignsDatabase } from "./campaigns-database.js";

/** A campaign's stats as stored. */
export type StatsRow = Selectable<CampaignStatsTable>;

/** Starts a campaign's stats at zero, counting revenue in `currencyCode` (a repeat changes nothing). */
export async function insertStats(
  trx: Kysely<CampaignsDatabase>,
  row: { readonly campaignId: string; readonly brandId: string; readonly currencyCode: string; readonly at: Date },
): Promise<void> {
  await trx
    .insertInto("campaign_stats")
    .values({
      campaign_id: row.campaignId,
      brand_id: row.brandId,
      currency_code: row.currencyCode,
      orders: 0,
      units: 0,
      revenue_minor: 0,
      cancelled_orders: 0,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.column("campaign_id").doNothing())
    .execute();
}

/** A campaign's stats. */
export async function findStats(db: Kysely<CampaignsDatabase>, campaignId: string): Promise<StatsRow | undefined> {
  return db.selectFrom("campaign_stats").selectAll().where("campaign_id", "=", campaignId).executeTakeFirst();
}

/** Adds `delta` to a campaign's stats in one statement. */
export async function addToStats(
  trx: Kysely<CampaignsDatabase>,
  campaignId: string,
  delta: StatsDelta,
  at: Date,
): Promise<void> {
  await trx
    .updateTable("campaign_stats")
    .set({
      orders: sql<number>`orders + ${delta.orders}`,
      units: sql<number>`units + ${delta.units}`,
      revenue_minor: sql<number>`revenue_minor + ${delta.revenueMinor}`,
      cancelled_orders: sql<number>`cancelled_orders + ${delta.cancelledOrders}`,
      updated_at: at,
    })
    .where("campaign_id", "=", campaignId)
    .execute();
}
