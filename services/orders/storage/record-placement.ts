import type {
  PlaceOrderRequestSchema,
  PlaceOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { type Kysely, sql } from "kysely";
import { statementTime } from "../../kit/database/index.js";
import type { Outbox } from "../../kit/events/index.js";
import { claimKeySql, type KeyClaim } from "../../kit/idempotency/index.js";
import type { OrdersDatabase } from "./orders-database.js";
import type { NewOrder } from "./orders-store.js";

/** The schema Orders owns (the kit scopes a service's database to the schema named after it). */
const schema = "orders";
const table = (name: string) => sql.table(`${schema}.${name}`);

/** A placed order together with the idempotency key that answers it. */
export interface Placement {
  /** The key, claimed with its answer in the kit's `idempotency` table (see `claimKeySql`). */
  readonly claim: KeyClaim<typeof PlaceOrderRequestSchema, typeof PlaceOrderResponseSchema>;
  readonly order: NewOrder;
  /** The epoch of the placement row the attempt registered in (see `beginPlacement`). */
  readonly epoch: string;
  /**
   * Records only while PostgreSQL's clock (`statementTime`) is before this time (the stock hold's expiry less a
   * margin for clock skew); absent, no time limit. So an order recorded without a synchronous
   * ConfirmReservation always had its hold in place when it was recorded.
   */
  readonly recordBefore?: Date;
}

/**
 * Records a placed order in ONE statement, atomic on its own: it settles the attempt's placement
 * row — only while that row is still open in the attempt's epoch, so an attempt the sweeper has
 * given up (or whose key got a refusal) records nothing, and only before `recordBefore` — claims the idempotency key (with the
 * answer already in the row, so the kit's `runIdempotent` replays it) and — only if both
 * succeeded — inserts the order, its lines (one `unnest`, whatever their number), its first status
 * log entry and its events, and wakes the outbox relay. A concurrent request with the same key
 * waits on the rows and then claims nothing; `false` tells the caller to read what the key holds.
 * One round trip instead of a transaction's five keeps PlaceOrder's hot path short.
 */
export async function recordPlacement(
  db: Kysely<OrdersDatabase>,
  outbox: Outbox,
  placement: Placement,
): Promise<boolean> {
  const { order, lines, log } = placement.order;
  const result = await sql<{ key: string }>`
    with fence as (
      update ${table("placements")} set state = 'settled'
      where order_id = ${order.order_id}::uuid and epoch = ${placement.epoch}::uuid and state = 'open'
        and ${statementTime} < ${placement.recordBefore ?? null}::timestamptz is not false
      returning order_id
    ), claim as (${claimKeySql(placement.claim, { onlyIf: "fence" })}), new_order as (
      insert into ${table("orders")} (order_id, brand_id, customer_id, status, status_sequence, delivery_zone, delivery_address,
        promo_code, currency_code, total_minor, total_units, returned_minor, cancel_reason, placed_traceparent, created_at, updated_at)
      select ${order.order_id}::uuid, ${order.brand_id}, ${order.customer_id}::uuid, ${order.status}, ${order.status_sequence}::integer,
        ${order.delivery_zone}, ${order.delivery_address}::jsonb, ${order.promo_code ?? ""}, ${order.currency_code},
        ${order.total_minor}::bigint, ${order.total_units}::bigint, 0, '', ${order.placed_traceparent ?? null}::text, ${order.created_at}::timestamptz, ${order.updated_at}::timestamptz
      from claim
    ), new_lines as (
      insert into ${table("order_lines")} (order_id, line_number, sku, name, quantity, unit_price_minor)
      select ${order.order_id}::uuid, l.line_number, l.sku, l.name, l.quantity, l.unit_price_minor
      from claim, unnest(${lines.map((l) => l.line_number)}::integer[], ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.name ?? "")}::text[],
        ${lines.map((l) => l.quantity)}::bigint[], ${lines.map((l) => l.unit_price_minor)}::bigint[]) as l(line_number, sku, name, quantity, unit_price_minor)
    ), new_log as (
      insert into ${table("order_status_log")} (order_id, sequence, from_status, to_status, actor, actor_role, reason, changed_at)
      select ${log.order_id}::uuid, ${log.sequence}::integer, ${log.from_status}, ${log.to_status}, ${log.actor}, ${log.actor_role},
        ${log.reason ?? ""}, ${log.changed_at}::timestamptz
      from claim
    ), new_events as (${outbox.insert(placement.order.events, { onlyIf: "claim" })})
    select key, ${outbox.notify} as notified from claim
  `.execute(db);
  return result.rows.length > 0;
}
