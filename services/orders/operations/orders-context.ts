import type { Client } from "@connectrpc/connect";
import type { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import type { OrdersDatabase } from "../storage/index.js";

/** Which PlaceOrder attempt a test hook runs in. */
export interface PlacementStep {
  readonly orderId: string;
  readonly idempotencyKey: string;
}

/** A test hook of PlaceOrder: it may stall (a frozen process) or throw (a crash). */
export type PlacementHook = (step: PlacementStep) => void | Promise<void>;

/** Test hooks of the Orders service; none in production. */
export interface OrdersServiceOptions {
  /** Runs after the deadline was checked and before Inventory is asked to hold the stock. */
  readonly beforeReserve?: PlacementHook;
  /**
   * Runs after Inventory has held the stock and before the order is recorded. A test makes it
   * throw to simulate Orders dying in between: nothing is recorded and the hold is released after
   * the deadline (or expires).
   */
  readonly afterReserve?: PlacementHook;
  /** Runs after the deadline was checked and right before the order is recorded. */
  readonly beforeRecord?: PlacementHook;
  /** Runs after the order is recorded and before its hold is confirmed. */
  readonly afterRecord?: PlacementHook;
  /** Told how each PlaceOrder attempt ended (`error` undefined for a success), even if its caller is gone. */
  readonly placementSettled?: (outcome: PlacementStep & { readonly error?: unknown }) => void;
}

/** What the Orders operations share. */
export interface OrdersContext extends OrdersServiceOptions {
  readonly db: Kysely<OrdersDatabase>;
  /** The kit's outbox of the orders schema. */
  readonly outbox: Outbox;
  /** Inventory's client, authenticated as the orders service. */
  readonly inventory: Client<typeof InventoryService>;
  /** The clock of every time Orders writes (the kit's, which tests may move). */
  readonly now: () => Date;
  readonly logger: Logger;
  /** The longest a PlaceOrder may run, whatever its caller's timeout (`PLACE_ORDER_DEADLINE_MS`). */
  readonly placeOrderDeadlineMs: number;
  /**
   * How long before a hold's expiry an order may still be recorded on it without a synchronous
   * ConfirmReservation (`HOLD_CLOCK_MARGIN_MS`): the margin for Inventory's clock against PostgreSQL's.
   */
  readonly holdClockMarginMs: number;
}

/** What a change made in the caller's transaction uses: the outbox for its events and the clock. */
export type OrderChangeContext = Pick<OrdersContext, "outbox" | "now">;

/** What applying a Fleet event uses besides the consumer's transaction. */
export type DeliveryEventContext = Pick<OrdersContext, "outbox" | "now" | "logger">;

/** The actor of changes Orders makes by itself (an order whose hold expired). */
export const systemActor = { subject: "orders", role: "service" } as const;
