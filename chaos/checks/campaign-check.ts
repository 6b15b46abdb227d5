import { chaosBrand, chaosPromoCode } from "../seed.js";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

/** The campaign's stats (GetCampaignStats) equal the orders placed with its code, and those cancelled. */
export async function campaignStatsExact(ctx: CheckContext): Promise<CheckResult> {
  const { stats } = await ctx.admin.campaigns.getCampaignStats(
    { campaignId: ctx.seed.campaignId },
    { timeoutMs: 10_000 },
  );
  const [expected] = await ctx.db.rows<{ orders: number; units: number; revenue: number; cancelled: number }>(
    `select count(*) filter (where status <> 'cancelled')::int as orders,
       coalesce(sum(total_units) filter (where status <> 'cancelled'), 0)::int as units,
       coalesce(sum(total_minor) filter (where status <> 'cancelled'), 0)::int as revenue,
       count(*) filter (where status = 'cancelled')::int as cancelled
     from orders.orders where brand_id = $1 and promo_code = $2`,
    [chaosBrand, chaosPromoCode],
  );
  const actual = {
    orders: Number(stats?.orders ?? 0),
    units: Number(stats?.units ?? 0),
    revenue: Number(stats?.revenue?.minorUnits ?? 0),
    cancelled: Number(stats?.cancelledOrders ?? 0),
  };
  const evidence = (["orders", "units", "revenue", "cancelled"] as const)
    .filter((field) => actual[field] !== expected?.[field])
    .map((field) => `${field}: stats say ${actual[field]}, the orders ${expected?.[field]}`);
  return verdict(
    "campaign stats exact",
    `${actual.orders} orders, ${actual.units} units, ${actual.revenue} revenue, ${actual.cancelled} cancelled`,
    evidence,
  );
}
