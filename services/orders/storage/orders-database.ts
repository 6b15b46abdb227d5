import type { ColumnType } from "kysely";
import type { OutboxTable } from "../../kit/events/index.js";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";
import type { OrderStatusName } from "../domain/index.js";

/** `orders.customers`: people who place orders (platform-wide, not per brand). */
export interface CustomersTable {
  readonly customer_id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  /** The brand whose partner created the customer; null when a customer, operator or service did. */
  readonly created_by_brand: string | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** `orders.orders`: one row per order, with its current status and totals. */
export interface OrdersTable {
  readonly order_id: string;
  readonly brand_id: string;
  readonly customer_id: string;
  readonly status: OrderStatusName;
  /** Sequence of the last status log entry. */
  readonly status_sequence: number;
  readonly delivery_zone: string;
  /** The `DeliveryAddress` in its protobuf JSON form. */
  readonly delivery_address: ColumnType<DeliveryAddressJson, string, string>;
  readonly promo_code: string;
  readonly currency_code: string;
  readonly total_minor: number;
  readonly total_units: number;
  readonly returned_minor: number;
  readonly cancel_reason: string;
  /** The W3C `traceparent` of the PlaceOrder request that recorded the order; null without tracing. */
  readonly placed_traceparent: string | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** A delivery address as stored (protobuf JSON of `DeliveryAddress`). */
export type DeliveryAddressJson = Readonly<Record<string, string>>;

/** `orders.order_lines`: the lines of an order, numbered from 1. */
export interface OrderLinesTable {
  readonly order_id: string;
  readonly line_number: number;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unit_price_minor: number;
  readonly returned_quantity: number;
}

/** `orders.order_status_log`: every transition of an order, with its actor and time. */
export interface OrderStatusLogTable {
  readonly order_id: string;
  readonly sequence: number;
  /** Empty for the placement. */
  readonly from_status: OrderStatusName | "";
  readonly to_status: OrderStatusName;
  readonly actor: string;
  /** Role name as in tokens (`customer`, `brand`, ...). */
  readonly actor_role: string;
  readonly reason: string;
  readonly changed_at: Date;
}

/**
 * The state of a placement row: `open` while attempts may commit; `settled` once the order is
 * recorded or a refusal stored that left no hold; `refused` once a refusal is stored while an
 * attempt may hold stock; `releasing` once the sweeper has fenced it to release its hold.
 */
export type PlacementState = "open" | "settled" | "refused" | "releasing";

/** `orders.placements`: the PlaceOrder attempts of one order id that may still commit. */
export interface PlacementsTable {
  readonly order_id: string;
  /** The attempt that opened the row; an attempt may commit only in its own epoch. */
  readonly epoch: string;
  /** How many attempts joined the row. */
  readonly attempts: number;
  /** The latest deadline of the attempts (real time), or the sweeper's lease while releasing. */
  readonly deadline: Date;
  readonly state: PlacementState;
}

/** The tables of the `orders` schema, for kysely. */
export interface OrdersDatabase {
  customers: CustomersTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_status_log: OrderStatusLogTable;
  placements: PlacementsTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
}
