import { type Kysely, sql } from "kysely";
import type { CampaignsDatabase } from "./campaigns-database.js";

/** The one lock every reconcile of every replica takes, so only one runs at a time. */
const reconcileLock = "waybill.campaigns.reconcile";

/**
 * Serializes the work on one campaign key until `trx` ends: a create of campaign id `key`, and the
 * reconciler importing a platform campaign (whose key is its external reference or platform id),
 * so an import never races the create that made the platform campaign.
 */
export async function lockCampaignKey(trx: Kysely<CampaignsDatabase>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`waybill.campaigns.campaign:${key}`}, 0))`.execute(trx);
}

/**
 * Takes the reconcile lock for as long as `trx` lasts, without waiting: false when another
 * reconcile (on this or another replica) holds it. A crash ends the transaction and frees it.
 */
export async function tryReconcileLock(trx: Kysely<CampaignsDatabase>): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtextextended(${reconcileLock}, 0)) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
