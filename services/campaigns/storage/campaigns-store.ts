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

/**
 * The brand's campaign that is not archived and has the promo code, other than `exceptId` — a
 * create still waiting for its platform included, since it holds its code already.
 */
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

/**
 * The brand's campaign that orders with the promo code count for: not archived, and created on its
 * platform (a create still waiting for its platform does not exist for orders yet).
 */
export async function attributableCampaign(
  db: Kysely<CampaignsDatabase>,
  brandId: string,
  promoCode: string,
): Promise<CampaignRow | undefined> {
  return db
    .selectFrom("campaigns")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("promo_code", "=", promoCode)
    .where("status", "<>", "archived")
    .where("platform_campaign_id", "<>", "")
    .executeTakeFirst();
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
 * one brand when given): all but archived ones known to be off it, and creates the platform has
 * not confirmed yet. For the reconciler.
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
    .where("platform_campaign_id", "<>", "")
    .where((eb) => eb.or([eb("status", "<>", "archived"), eb("sync_state", "<>", "local_only")]));
  if (brandId) query = query.where("brand_id", "=", brandId);
  return query.execute();
}

/**
 * Ids of the creates on a platform (of one brand when given) that the platform has not confirmed
 * and whose claim has ended by `now`: their caller is gone, so the reconciler completes them.
 */
export async function abandonedCreates(
  db: Kysely<CampaignsDatabase>,
  platform: string,
  now: Date,
  brandId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom("campaigns")
    .select("campaign_id")
    .where("platform", "=", platform)
    .where("platform_campaign_id", "=", "")
    .where((eb) => eb.or([eb("push_until", "is", null), eb("push_until", "<=", now)]));
  if (brandId) query = query.where("brand_id", "=", brandId);
  return (await query.execute()).map((row) => row.campaign_id);
}

/**
 * Deletes a create the platform has not confirmed, only while `token` still claims it: the create
 * failed and its caller is told that nothing was stored. False when someone else claimed it since.
 */
export async function deleteUnconfirmedCreate(
  trx: Kysely<CampaignsDatabase>,
  campaignId: string,
  token: string,
): Promise<boolean> {
  const deleted = await trx
    .deleteFrom("campaigns")
    .where("campaign_id", "=", campaignId)
    .where("platform_campaign_id", "=", "")
    .where("push_token", "=", token)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/**
 * Gives back `token`'s claim on a campaign (its call failed and the next reconcile or a retry
 * tries again), keeping the event the campaign still owes.
 */
export async function releaseClaim(db: Kysely<CampaignsDatabase>, campaignId: string, token: string): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ push_token: null, push_until: null })
    .where("campaign_id", "=", campaignId)
    .where("push_token", "=", token)
    .execute();
}

/** A claim on a campaign's platform call, as {@link claimColumns} stores it. */
export interface PushClaim {
  readonly token: string;
  readonly until: Date;
}

/** The columns that claim a campaign for one platform call until `claim.until`. */
export function claimColumns(claim: PushClaim): CampaignUpdate {
  return { push_token: claim.token, push_until: claim.until };
}

/** The columns of a campaign with no platform call in flight and no event owed. */
export const noClaim = {
  push_token: null,
  push_until: null,
  push_event: null,
  push_fields: [],
  push_actor: "",
} as const satisfies CampaignUpdate;

/**
 * Records that `token`'s create was undone but its platform copy is still to be removed (see
 * `undo-create.ts`): `update` (FAILED, the reason, the retry schedule) with the claim and the owed
 * CampaignCreated cleared, only while `token` claims the unconfirmed campaign. False otherwise.
 */
export async function markUndoneCreate(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  token: string,
  update: CampaignUpdate,
): Promise<boolean> {
  const updated = await db
    .updateTable("campaigns")
    .set({ ...update, ...noClaim })
    .where("campaign_id", "=", campaignId)
    .where("platform_campaign_id", "=", "")
    .where("push_token", "=", token)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Deletes an undone create (unconfirmed and FAILED) whose platform copy is known to be gone. */
export async function deleteUndoneCreate(trx: Kysely<CampaignsDatabase>, campaignId: string): Promise<void> {
  await trx
    .deleteFrom("campaigns")
    .where("campaign_id", "=", campaignId)
    .where("platform_campaign_id", "=", "")
    .where("sync_state", "=", "failed")
    .execute();
}
