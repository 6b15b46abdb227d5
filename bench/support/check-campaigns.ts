import type { Queryable } from "./bench-database.js";
import { type CheckResult, checkOf } from "./check-result.js";

/**
 * Once drained, each campaign with a promo code counts exactly the orders placed with its code:
 * its stats' `orders` and `units` equal the orders of its brand with the code that stand (not
 * cancelled) and their units, and equal its attributions that stand. More means an order counted
 * twice, fewer an event lost.
 */
export async function checkCampaignAttribution(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `with coded as (
       select brand_id, promo_code, count(*)::bigint as orders, sum(total_units)::bigint as units
       from orders.orders where promo_code <> '' and status <> 'cancelled' group by brand_id, promo_code),
     attributed as (
       select campaign_id, count(*)::bigint as orders, sum(units - returned_units)::bigint as units
       from campaigns.order_attributions where placed and not cancelled group by campaign_id)
     select c.campaign_id, c.promo_code, s.orders as stats_orders, s.units as stats_units,
            coalesce(a.orders, 0) as attributed_orders, coalesce(a.units, 0) as attributed_units,
            coalesce(o.orders, 0) as placed_orders, coalesce(o.units, 0) as placed_units
     from campaigns.campaigns c
     join campaigns.campaign_stats s on s.campaign_id = c.campaign_id
     left join attributed a on a.campaign_id = c.campaign_id
     left join coded o on o.brand_id = c.brand_id and o.promo_code = c.promo_code
     where c.promo_code <> '' and c.status <> 'archived'`,
  );
  const same = (...values: unknown[]) => values.every((value) => String(value) === String(values[0]));
  const differing = rows.filter(
    (row) =>
      !same(row.stats_orders, row.attributed_orders, row.placed_orders) ||
      !same(row.stats_units, row.attributed_units, row.placed_units),
  );
  return checkOf(
    "campaign-attribution",
    "each promo campaign's stats (orders, units) equal its attributions and the orders placed with its code",
    differing,
    {
      campaigns: rows.length,
      codedOrders: rows.reduce((sum, row) => sum + Number(row.placed_orders), 0),
    },
  );
}
