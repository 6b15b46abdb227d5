import type { Queryable } from "./bench-database.js";
import { type CheckResult, checkOf } from "./check-result.js";

/** A reservation's lines as rows (`lines` is `[{ sku, quantity, … }]`). */
const reservationUnits = (statuses: string) => `
  select r.brand_id, x.sku, sum(x.quantity)::bigint as units
  from inventory.reservations r cross join lateral jsonb_to_recordset(r.lines) as x(sku text, quantity bigint)
  where r.status in (${statuses}) group by r.brand_id, x.sku`;

/**
 * Units per SKU of the orders that stand (not cancelled) equal the units of the reservations that
 * hold or took stock for them (held, confirmed or committed). The bench returns nothing and
 * cancels nothing after dispatch, so the two must match exactly.
 */
export async function checkOrderedUnits(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `with ordered as (
       select o.brand_id, l.sku, sum(l.quantity)::bigint as units
       from orders.orders o join orders.order_lines l on l.order_id = o.order_id
       where o.status <> 'cancelled' group by o.brand_id, l.sku),
     reserved as (${reservationUnits("'held', 'confirmed', 'committed'")})
     select coalesce(o.brand_id, r.brand_id) as brand_id, coalesce(o.sku, r.sku) as sku,
            coalesce(o.units, 0) as ordered, coalesce(r.units, 0) as reserved
     from ordered o full join reserved r on r.brand_id = o.brand_id and r.sku = o.sku`,
  );
  const differing = rows.filter((row) => String(row.ordered) !== String(row.reserved));
  return checkOf(
    "ordered-units-match-reservations",
    "per SKU, the units of orders not cancelled equal the units of held, confirmed and committed reservations",
    differing,
    { skus: rows.length, units: rows.reduce((sum, row) => sum + Number(row.ordered), 0) },
  );
}

/**
 * Once drained, every order that stands has its reservation confirmed (or committed), every
 * cancelled order's reservation is released, and no reservation holds or took stock without an
 * order (Orders releases the holds of placements it never recorded).
 */
export async function checkOrdersConfirmed(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `select coalesce(o.order_id, r.order_id) as order_id, o.status as order_status, r.status as reservation_status
     from orders.orders o full join inventory.reservations r on r.order_id = o.order_id
     where (o.order_id is not null and o.status <> 'cancelled' and r.status is distinct from 'confirmed'
            and r.status is distinct from 'committed')
        or (o.status = 'cancelled' and r.status in ('held', 'confirmed'))
        or (o.order_id is null and r.status in ('held', 'confirmed', 'committed'))`,
  );
  const { rows: counted } = await db.query<{ orders: number; reservations: number }>(
    `select (select count(*)::int from orders.orders) as orders,
            (select count(*)::int from inventory.reservations) as reservations`,
  );
  return checkOf(
    "orders-confirmed",
    "every order not cancelled has a confirmed (or committed) reservation, no cancelled order still holds stock, and no reservation holds stock without an order",
    rows,
    { ...counted[0] },
  );
}

/** Stock reserved per SKU equals the units of the reservations that hold it (held or confirmed). */
export async function checkReservedMatchesHolds(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `with holding as (${reservationUnits("'held', 'confirmed'")})
     select coalesce(s.brand_id, h.brand_id) as brand_id, coalesce(s.sku, h.sku) as sku,
            s.reserved, coalesce(h.units, 0) as held
     from inventory.stock_levels s full join holding h on h.brand_id = s.brand_id and h.sku = s.sku
     where s.reserved is distinct from coalesce(h.units, 0)`,
  );
  return checkOf(
    "reserved-matches-holds",
    "per SKU, stock_levels.reserved equals the units of held and confirmed reservations",
    rows,
  );
}
