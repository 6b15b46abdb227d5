import type { Insertable, Kysely, Selectable } from "kysely";
import type { PlatformFields, SharedFields } from "../domain/index.js";
import type { CampaignsDatabase, CampaignsTable } from "./campaigns-database.js";

/** A campaign as stored. */
export type CampaignRow = Selectable<CampaignsTable>;

/** What an update of a campaign may change. */
export type CampaignUpdate = Partial<Omit<CampaignRow, "campaign_id" | "brand_id" | "platform" | "created_at">>;

/** The fields a campaign shares with its platform copy, whatever its status. */
export function sharedFields(row: CampaignRow): SharedFields {
  return {
    name: row.name,
    currencyCode: row.currency_code,
    budgetMinor: row.budget_minor,
    startAt: row.start_at,
    endAt: row.end_at,
    status: row.status,
  };
}

/** The fields a campaign shares with its platform copy; an archived campaign has none (it throws). */
export function platformFields(row: CampaignRow): PlatformFields {
  if (row.status === "archived") throw new Error(`campaign ${row.campaign_id} is archived and has no platform copy`);
  return { ...sharedFields(row), status: row.status };
}

/** The columns storing a campaign's shared fields. */
export function fieldColumns(
  fields: SharedFields,
): Pick<CampaignRow, "name" | "currency_code" | "budget_minor" | "start_at" | "end_at" | "status"> {
  return {
    name: fields.name,
    currency_code: fields.currencyCode,
    budget_minor: fields.budgetMinor,
    start_at: fields.startAt,
    end_at: fields.endAt,
    status: fields.status,
  };
}

/** Inserts a campaign; undefined when its id, its platform campaign or its promo code is taken. */
export async function insertCampaign(
  trx: Kysely<CampaignsDatabase>,
  row: Insertable<CampaignsTable>,
): Promise<CampaignRow | undefined> {
  return trx
    .insertInto("campaigns")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** One campaign, row-locked with `lock`. */
export async function findCampaign(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CampaignRow | undefined> {
  let query = db.selectFrom("campaigns").selectAll().where("campaign_id", "=", campaignId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The local campaign linked to a platform campaign, row-locked with `lock`. */
export async function findByPlatformCampaign(
  db: Kysely<CampaignsDatabase>,
  platform: string,
  platformCampaignId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CampaignRow | undefined> {
  let query = db
    .selectFrom("campaigns")
    .selectAll()
    .where("platform", "=", platform)
    .where("platform_campaign_id", "=", platformCampaignId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The brand's campaign that is not archived and has the promo code, other than `exceptId`. */
export async function campaignWithPromoCode(
  db: Kysely<CampaignsDatabase>,
  brandId: string,
  promoCode: string,
  exceptId?: string,
): Promise<CampaignRow | undefined> {
  let query = db
    .selectFrom("campaigns")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("promo_code", "=", promoCode)
    .where("status", "<>", "archived");
  if (exceptId) query = query.where("campaign_id", "<>", exceptId);
  return query.executeTakeFirst();
}

/** Applies `update`; returns the campaign after it. */
export async function updateCampaign(
  trx: Kysely<CampaignsDatabase>,
  campaignId: string,
  update: CampaignUpdate,
): Promise<CampaignRow> {
  return trx
    .updateTable("campaigns")
    .set(update)
    .where("campaign_id", "=", campaignId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Ids and platform ids of the campaigns a platform should still have, or still has to lose (of
 * one brand when given): all but archived ones known to be off it. For the reconciler.
 */
export async function campaignsOfPlatform(
  db: Kysely<CampaignsDatabase>,
  platform: string,
  brandId?: string,
): Promise<Pick<CampaignRow, "campaign_id" | "platform_campaign_id">[]> {
  let query = db
    .selectFrom("campaigns")
    .select(["campaign_id", "platform_campaign_id"])
    .where("platform", "=", platform)
    .where((eb) => eb.or([eb("status", "<>", "archived"), eb("sync_state", "<>", "local_only")]));
  if (brandId) query = query.where("brand_id", "=", brandId);
  return query.execute();
}
