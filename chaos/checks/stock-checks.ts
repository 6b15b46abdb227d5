import { setTimeout as sleep } from "node:timers/promises";
import { chaosBrand } from "../seed.js";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

interface LevelRow {
  readonly sku: string;
  readonly on_hand: number;
  readonly reserved: number;
  readonly restocked: number;
}

/**
 * No SKU oversold: on hand and reserved never below zero, reserved never above on hand, and the
 * units of orders not cancelled never more than the units ever restocked.
 */
export async function noOversell(ctx: CheckContext): Promise<CheckResult> {
  const levels = await ctx.db.rows<LevelRow>(
    `select l.sku, l.on_hand::int, l.reserved::int,
       coalesce((select sum(g.delta_on_hand) from inventory.ledger g
                 where g.brand_id = l.brand_id and g.sku = l.sku and g.reason = 'restock'), 0)::int as restocked
     from inventory.stock_levels l where l.brand_id = $1 order by l.sku`,
    [chaosBrand],
  );
  const ordered = new Map(
    (
      await ctx.db.rows<{ sku: string; units: number }>(
        `select ol.sku, sum(ol.quantity)::int as units from orders.order_lines ol join orders.orders o using (order_id)
         where o.brand_id = $1 and o.status <> 'cancelled' group by ol.sku`,
        [chaosBrand],
      )
    ).map((row) => [row.sku, row.units]),
  );
  const evidence: string[] = [];
  let units = 0;
  let restocked = 0;
  for (const level of levels) {
    const live = ordered.get(level.sku) ?? 0;
    units += live;
    restocked += level.restocked;
    const where = `${level.sku}: on hand ${level.on_hand}, reserved ${level.reserved}, ordered ${live}, restocked ${level.restocked}`;
    if (level.on_hand < 0 || level.reserved < 0) evidence.push(`${where} (below zero)`);
    if (level.reserved > level.on_hand) evidence.push(`${where} (more reserved than on hand)`);
    if (live > level.restocked) evidence.push(`${where} (more units ordered than ever restocked)`);
  }
  return verdict(
    "no SKU oversold",
    `${levels.length} SKUs: ${units} units in live orders, ${restocked} restocked`,
    evidence,
  );
}

/** The ledger replayed (RebuildStock) equals the live levels and every snapshot. */
export async function ledgerReplay(ctx: CheckContext): Promise<CheckResult> {
  const rebuilt = await ctx.admin.inventory.rebuildStock({ brandId: chaosBrand, repair: false }, { timeoutMs: 60_000 });
  const describe = (kind: string, difference: (typeof rebuilt.differences)[number]) =>
    `${kind} ${difference.live?.sku}: live on hand ${difference.live?.onHand} reserved ${difference.live?.reserved} (seq ${difference.live?.ledgerSequence}), ledger says ${difference.rebuilt?.onHand} / ${difference.rebuilt?.reserved}`;
  return verdict(
    "ledger replay (RebuildStock) equals the levels",
    `${rebuilt.itemsChecked} items, ${rebuilt.entriesReplayed} entries, ${rebuilt.snapshotsChecked} snapshots`,
    [
      ...rebuilt.differences.map((d) => describe("level", d)),
      ...rebuilt.snapshotDifferences.map((d) => describe("snapshot", d)),
    ],
  );
}

interface HoldRow {
  readonly order_id: string;
  readonly status: string | null;
  readonly order_lines: string | null;
  readonly hold: string | null;
  readonly hold_lines: string | null;
}

/**
 * Inventory's holds match Orders' orders, each applied once: every live order's hold is confirmed
 * with the order's lines, every cancelled order's hold released, no confirmed hold without a live
 * order, each SKU's reserved units the sum of its open holds, and no order reserved or released
 * twice in the ledger.
 */
export async function reservationsMatchOrders(ctx: CheckContext): Promise<CheckResult> {
  const rows = await ctx.db.rows<HoldRow>(
    `with ol as (
       select order_id, string_agg(sku || ':' || quantity, ',' order by sku) as lines
       from (select order_id, sku, sum(quantity) as quantity from orders.order_lines group by 1, 2) s group by 1),
     o as (select o.order_id, o.status, ol.lines from orders.orders o left join ol using (order_id) where o.brand_id = $1),
     rl as (
       select r.order_id, r.status, string_agg((x->>'sku') || ':' || (x->>'quantity'), ',' order by x->>'sku') as lines
       from inventory.reservations r, jsonb_array_elements(r.lines) x where r.brand_id = $1 group by 1, 2)
     select coalesce(o.order_id, rl.order_id)::text as order_id, o.status, o.lines as order_lines,
            rl.status as hold, rl.lines as hold_lines
     from o full join rl on rl.order_id = o.order_id`,
    [chaosBrand],
  );
  const evidence: string[] = [];
  let live = 0;
  let cancelled = 0;
  for (const row of rows) {
    const order = `order ${row.order_id}`;
    if (row.status === null) {
      if (row.hold === "confirmed" || row.hold === "committed")
        evidence.push(`${order} does not exist but its hold is ${row.hold} (${row.hold_lines})`);
      continue;
    }
    if (row.hold === null) {
      evidence.push(`${order} is ${row.status} without any hold`);
      continue;
    }
    if (row.status === "cancelled") {
      cancelled++;
      if (row.hold === "held" || row.hold === "confirmed")
        evidence.push(`${order} is cancelled but still holds stock (${row.hold})`);
    } else {
      live++;
      if (row.hold !== "confirmed" && row.hold !== "committed")
        evidence.push(`${order} is ${row.status} but its hold is ${row.hold}`);
    }
    if (row.order_lines !== row.hold_lines)
      evidence.push(`${order}: lines ${row.order_lines} but hold ${row.hold_lines}`);
  }
  const reserved = await ctx.db.rows<{ sku: string; reserved: number; held: number }>(
    `select l.sku, l.reserved::int,
       coalesce((select sum((x->>'quantity')::int) from inventory.reservations r, jsonb_array_elements(r.lines) x
                 where r.brand_id = l.brand_id and r.status in ('held', 'confirmed') and x->>'sku' = l.sku), 0)::int as held
     from inventory.stock_levels l where l.brand_id = $1`,
    [chaosBrand],
  );
  for (const row of reserved)
    if (row.reserved !== row.held)
      evidence.push(`${row.sku}: reserved ${row.reserved} but open holds sum to ${row.held}`);
  const twice = await ctx.db.rows<{ reference: string; sku: string; reason: string; n: number }>(
    `select split_part(reference, ' ', 1) as reference, sku, reason, count(*)::int as n from inventory.ledger
     where brand_id = $1 and reason in ('reserve', 'release') group by 1, 2, 3 having count(*) > 1`,
    [chaosBrand],
  );
  for (const row of twice)
    evidence.push(`ledger: ${row.reason} of ${row.sku} for order ${row.reference} written ${row.n} times`);
  return verdict(
    "holds match orders (each reserved and released once)",
    `${live} live orders, ${cancelled} cancelled, ${rows.length} holds`,
    evidence,
  );
}

interface OrphanRow {
  readonly order_id: string;
  readonly lines: string;
  readonly age_s: number;
  readonly expires_in_s: number;
}

/**
 * No orphan holds: a hold whose order was never recorded (the placing request gave up, or was
 * refused elsewhere) is released within `orphanTimeoutMs` of the run settling, not only at the
 * reservation TTL. Each remaining one is shown with the key that made it and what its client saw.
 */
export async function noOrphanHolds(ctx: CheckContext): Promise<CheckResult> {
  const query = () =>
    ctx.db.rows<OrphanRow>(
      `select r.order_id::text, r.lines::text,
         extract(epoch from clock_timestamp() - r.created_at)::float8 as age_s,
         extract(epoch from r.expire_at - clock_timestamp())::float8 as expires_in_s
       from inventory.reservations r left join orders.orders o on o.order_id = r.order_id
       where r.status = 'held' and o.order_id is null and r.brand_id = $1 order by r.created_at`,
      [chaosBrand],
    );
  const started = performance.now();
  let orphans = await query();
  while (orphans.length > 0 && performance.now() - started < ctx.orphanTimeoutMs) {
    await sleep(1_000);
    orphans = await query();
  }
  const byOrder = new Map(ctx.driver.placements.map((p) => [p.orderId, p]));
  const evidence = orphans.map((row) => {
    const placement = byOrder.get(row.order_id);
    const client = placement
      ? `key ${placement.key}, client saw ${placement.outcome}${placement.refusal ? ` (${placement.refusal.code})` : ""} after ${placement.attempts.length} attempts`
      : "no key of the driver";
    return `hold of order ${row.order_id} ${row.lines} held ${Math.round(row.age_s)} s, expires in ${Math.round(row.expires_in_s)} s; ${client}`;
  });
  return verdict(
    "no orphan holds",
    orphans.length === 0
      ? `none left (waited ${Math.round((performance.now() - started) / 1000)} s)`
      : `${orphans.length} held after waiting ${Math.round(ctx.orphanTimeoutMs / 1000)} s`,
    evidence,
  );
}

/** Every acknowledged restock is in the ledger exactly once with its units; a refused one not at all. */
export async function restocksOnce(ctx: CheckContext): Promise<CheckResult> {
  const rows = await ctx.db.rows<{ key: string; n: number; delta: number }>(
    `select idempotency_key as key, count(*)::int as n, sum(delta_on_hand)::int as delta from inventory.ledger
     where brand_id = $1 and reason = 'restock' group by 1`,
    [chaosBrand],
  );
  const ledger = new Map(rows.map((row) => [row.key, row]));
  const evidence: string[] = [];
  const sent = new Set<string>();
  for (const restock of ctx.driver.restocks) {
    sent.add(restock.key);
    const found = ledger.get(restock.key);
    if (found && found.n > 1) evidence.push(`restock key ${restock.key} in the ledger ${found.n} times`);
    if (restock.outcome === "acknowledged" && !found)
      evidence.push(`acknowledged restock key ${restock.key} not in the ledger`);
    if (found && found.delta !== restock.delta * found.n)
      evidence.push(`restock key ${restock.key}: sent ${restock.delta} units, ledger has ${found.delta}`);
    if (restock.outcome === "refused" && found) evidence.push(`refused restock key ${restock.key} is in the ledger`);
  }
  for (const row of rows)
    if (!sent.has(row.key) && !row.key.startsWith("seed-")) evidence.push(`ledger restock with unknown key ${row.key}`);
  const acknowledged = ctx.driver.restocks.filter((r) => r.outcome === "acknowledged").length;
  return verdict(
    "each restock applied once",
    `${ctx.driver.restocks.length} sent, ${acknowledged} acknowledged, ${rows.length} in the ledger (first stock included)`,
    evidence,
  );
}
