import type { Kysely, Selectable } from "kysely";
import type { Attribution } from "../domain/index.js";
import type { CampaignsDatabase, OrderAttributionsTable } from "./campaigns-database.js";

/** An order's attribution as stored. */
export type AttributionRow = Selectable<OrderAttributionsTable>;

/** The order's attribution, row-locked (the caller is about to change it). */
export async function findAttribution(
  trx: Kysely<CampaignsDatabase>,
  orderId: string,
): Promise<AttributionRow | undefined> {
  return trx
    .selectFrom("order_attributions")
    .selectAll()
    .where("order_id", "=", orderId)
    .forUpdate()
    .executeTakeFirst();
}

/** The stored row as the domain's {@link Attribution}. */
export function toAttribution(row: AttributionRow): Attribution {
  return {
    placed: row.placed,
    cancelled: row.cancelled,
    units: row.units,
    revenueMinor: row.revenue_minor,
    returnedUnits: row.returned_units,
    returnedMinor: row.returned_minor,
  };
}

/**
 * Stores an order's attribution: inserts it, or replaces the figures of the existing row. Returns
 * false when `insertOnly` and the order already had one (a repeated placement).
 */
export async function saveAttribution(
  trx: Kysely<CampaignsDatabase>,
  key: { readonly orderId: string; readonly campaignId: string; readonly brandId: string },
  attribution: Attribution,
  at: Date,
  insertOnly = false,
): Promise<boolean> {
  const figures = {
    placed: attribution.placed,
    cancelled: attribution.cancelled,
    units: attribution.units,
    revenue_minor: attribution.revenueMinor,
    returned_units: attribution.returnedUnits,
    returned_minor: attribution.returnedMinor,
    updated_at: at,
  };
  const saved = await trx
    .insertInto("order_attributions")
    .values({ order_id: key.orderId, campaign_id: key.campaignId, brand_id: key.brandId, created_at: at, ...figures })
    .onConflict((oc) => (insertOnly ? oc.column("order_id").doNothing() : oc.column("order_id").doUpdateSet(figures)))
    .returning("order_id")
    .executeTakeFirst();
  return saved !== undefined;
}
