import { allPages } from "../../test/support/pages.js";
import type { PlacementRecord } from "../order-driver.js";
import { chaosBrand } from "../seed.js";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

interface OrderRow {
  readonly order_id: string;
  readonly status: string;
  readonly total_minor: string;
  readonly lines: string;
  readonly created_at: string;
  readonly placed_events: number;
}

/** The orders of the chaos brand, by id, with their lines as "SKU:qty,…" and their OrderPlaced outbox rows. */
async function ordersById(ctx: CheckContext): Promise<Map<string, OrderRow>> {
  const rows = await ctx.db.rows<OrderRow>(
    `select o.order_id::text, o.status, o.total_minor::text, o.created_at::text,
       (select string_agg(l.sku || ':' || l.quantity, ',' order by l.line_number) from orders.order_lines l
         where l.order_id = o.order_id) as lines,
       (select count(*) from orders.outbox x where x.aggregate_id = o.order_id::text
         and x.event_type = 'waybill.orders.v1.OrderPlaced')::int as placed_events
     from orders.orders o where o.brand_id = $1`,
    [chaosBrand],
  );
  return new Map(rows.map((row) => [row.order_id, row]));
}

/** How a placement's attempts went, for evidence: "r1 DeadlineExceeded 3001 ms @12.1 s; r2 FailedPrecondition @15.2 s". */
export function attemptsOf(placement: PlacementRecord): string {
  return placement.attempts.map((a) => `r${a.replica} ${a.code} ${a.ms} ms @${a.atSeconds.toFixed(1)} s`).join("; ");
}

const linesOf = (placement: PlacementRecord) => placement.lines.map((line) => `${line.sku}:${line.quantity}`).join(",");

/**
 * Every acknowledged order exists exactly once, as answered: under the id its key derives, with
 * its lines and total, one OrderPlaced event, listed once by ListOrders, and cancelled exactly when
 * its cancellation was acknowledged; and no order exists that no key of the driver placed.
 */
export async function acknowledgedOrdersOnce(ctx: CheckContext): Promise<CheckResult> {
  const orders = await ordersById(ctx);
  const listed = new Map<string, number>();
  const pages = await allPages(async (pageToken) => {
    const page = await ctx.admin.orders.listOrders({ brandId: chaosBrand, page: { pageSize: 500, pageToken } });
    return [page.orders, page.page?.nextPageToken];
  });
  for (const order of pages) listed.set(order.orderId, (listed.get(order.orderId) ?? 0) + 1);
  const evidence: string[] = [];
  const acknowledged = ctx.driver.placements.filter((p) => p.outcome === "acknowledged");
  for (const placement of acknowledged) {
    const id = placement.orderId;
    const where = `key ${placement.key} (order ${id})`;
    if (placement.answered?.orderId !== id)
      evidence.push(`${where} was answered with order ${placement.answered?.orderId}, not the id its key derives`);
    const order = orders.get(id);
    if (!order) {
      evidence.push(`${where} was acknowledged but the order does not exist; attempts: ${attemptsOf(placement)}`);
      continue;
    }
    if (order.lines !== linesOf(placement))
      evidence.push(`${where}: lines ${order.lines}, ordered ${linesOf(placement)}`);
    if (BigInt(order.total_minor) !== placement.answered?.totalMinor)
      evidence.push(`${where}: total ${order.total_minor}, answered ${placement.answered?.totalMinor}`);
    if (order.placed_events !== 1) evidence.push(`${where}: ${order.placed_events} OrderPlaced events in the outbox`);
    if ((listed.get(id) ?? 0) !== 1) evidence.push(`${where}: listed ${listed.get(id) ?? 0} times by ListOrders`);
    const cancel = placement.cancel?.outcome;
    if (cancel === "acknowledged" && order.status !== "cancelled")
      evidence.push(`${where}: cancellation acknowledged but the order is ${order.status}`);
    if (cancel === undefined && order.status !== "placed")
      evidence.push(`${where}: never cancelled but ${order.status}`);
  }
  const derived = new Set(ctx.driver.placements.map((p) => p.orderId));
  for (const order of orders.values())
    if (!derived.has(order.order_id))
      evidence.push(`order ${order.order_id} (${order.status}, ${order.lines}) was placed by no key of the driver`);
  for (const [id, times] of listed)
    if (times > 1 && !derived.has(id)) evidence.push(`order ${id} listed ${times} times`);
  return verdict(
    "every acknowledged order exists exactly once",
    `${acknowledged.length} acknowledged, ${orders.size} orders in the database, ${pages.length} listed`,
    evidence,
  );
}

/**
 * A refusal is final: no key answered with FAILED_PRECONDITION has an order (a late attempt on a
 * frozen replica must not place it after the refusal), and a key answered ABORTED has at most a
 * cancelled one. Keys never answered may have an order or not.
 */
export async function refusalsFinal(ctx: CheckContext): Promise<CheckResult> {
  const orders = await ordersById(ctx);
  const evidence: string[] = [];
  const refused = ctx.driver.placements.filter((p) => p.outcome === "refused");
  const aborted = ctx.driver.placements.filter((p) => p.outcome === "aborted");
  for (const placement of refused) {
    const order = orders.get(placement.orderId);
    if (order)
      evidence.push(
        `key ${placement.key} refused (${placement.refusal?.message}) but order ${order.order_id} exists (${order.status}, created ${order.created_at}); attempts: ${attemptsOf(placement)}`,
      );
  }
  for (const placement of aborted) {
    const order = orders.get(placement.orderId);
    if (order && order.status !== "cancelled")
      evidence.push(
        `key ${placement.key} answered ABORTED but order ${order.order_id} is ${order.status}; attempts: ${attemptsOf(placement)}`,
      );
  }
  const unanswered = ctx.driver.placements.filter((p) => p.outcome === "unanswered");
  const unansweredPlaced = unanswered.filter((p) => orders.has(p.orderId)).length;
  return verdict(
    "no refused key has an order",
    `${refused.length} refused, ${aborted.length} aborted, ${unanswered.length} never answered (${unansweredPlaced} of them placed)`,
    evidence,
  );
}
