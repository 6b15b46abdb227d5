import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import {
  type Attribution,
  attributeCancellation,
  attributePlacement,
  attributeReturn,
  normalizePromoCode,
  type StatsDelta,
} from "../domain/index.js";
import {
  addToStats,
  attributableCampaign,
  type CampaignRow,
  type CampaignsDatabase,
  findAttribution,
  findStats,
  saveAttribution,
  toAttribution,
} from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";

/**
 * The campaign an order's code names: the brand's campaign with that code that is not archived
 * (and whose create its platform has confirmed).
 */
async function campaignOfOrder(trx: Kysely<CampaignsDatabase>, order: Order): Promise<CampaignRow | undefined> {
  const code = normalizePromoCode(order.promoCode);
  return code ? attributableCampaign(trx, order.brandId, code) : undefined;
}

async function apply(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  order: Order,
  campaignId: string,
  attribution: Attribution,
  delta: StatsDelta,
  insertOnly: boolean,
): Promise<boolean> {
  const now = ctx.now();
  const saved = await saveAttribution(
    trx,
    { orderId: order.orderId, campaignId, brandId: order.brandId },
    attribution,
    now,
    insertOnly,
  );
  if (saved) await addToStats(trx, campaignId, delta, now);
  return saved;
}

/**
 * An order was placed: when its code names a campaign of its brand, the order, its units and its
 * value are added to the campaign's stats, and what was added is kept with the order id as key. A
 * repeated placement (another event id for the same order) adds nothing.
 */
export async function attributePlacedOrder(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  order: Order,
): Promise<void> {
  const campaign = await campaignOfOrder(trx, order);
  if (!campaign) return;
  const stats = await findStats(trx, campaign.campaign_id);
  // storeCampaign creates every campaign's stats row with the campaign, in its currency.
  if (!stats) throw new Error(`campaign ${campaign.campaign_id} has no stats row`);
  const figures = {
    totalUnits: Number(order.totalUnits),
    totalMinor: Number(order.total?.minorUnits ?? 0n),
    currencyCode: order.total?.currencyCode ?? "",
  };
  const { attribution, delta } = attributePlacement(figures, stats.currency_code);
  await apply(trx, ctx, order, campaign.campaign_id, attribution, delta, true);
}

/**
 * An order was cancelled: what it added to its campaign is taken back, once however often the
 * cancellation arrives. A cancellation seen before its placement is remembered as such, so the
 * late placement adds nothing; when the two race on two replicas, the one that waits applies
 * itself to what the other stored.
 */
export async function attributeCancelledOrder(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  order: Order,
): Promise<void> {
  const existing = await findAttribution(trx, order.orderId);
  if (existing) {
    const current = toAttribution(existing);
    const { attribution, delta } = attributeCancellation(current);
    if (attribution !== current) await apply(trx, ctx, order, existing.campaign_id, attribution, delta, false);
    return;
  }
  const campaign = await campaignOfOrder(trx, order);
  if (!campaign) return;
  const early = attributeCancellation(undefined);
  if (await apply(trx, ctx, order, campaign.campaign_id, early.attribution, early.delta, true)) return;
  await attributeCancelledOrder(trx, ctx, order);
}

/**
 * Goods of an order came back: the units and value returned so far (the order's own running
 * totals) are subtracted from its campaign's stats, what was already subtracted excepted.
 */
export async function attributeReturnedLines(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  order: Order,
): Promise<void> {
  const existing = await findAttribution(trx, order.orderId);
  if (!existing) return;
  const returnedUnits = order.lines.reduce((sum, line) => sum + Number(line.returnedQuantity), 0);
  const { attribution, delta } = attributeReturn(
    toAttribution(existing),
    returnedUnits,
    Number(order.returnedTotal?.minorUnits ?? 0n),
  );
  await apply(trx, ctx, order, existing.campaign_id, attribution, delta, false);
}
