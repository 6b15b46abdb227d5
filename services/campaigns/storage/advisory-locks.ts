import { type Kysely, sql } from "kysely";
import type { CampaignsDatabase } from "./campaigns-database.js";

/**
 * Serializes the work on one campaign key until `trx` ends: a create of campaign id `key`, and the
 * reconciler importing a platform campaign (whose key is its external reference or platform id),
 * so an import never races the create that made the platform campaign.
 */
export async function lockCampaignKey(trx: Kysely<CampaignsDatabase>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`waybill.campaigns.campaign:${key}`}, 0))`.execute(trx);
}
