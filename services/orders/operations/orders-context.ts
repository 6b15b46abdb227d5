import type { Client } from "@connectrpc/connect";
import type { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import type { OrdersDatabase } from "../storage/index.js";

/** Test hooks of the Orders service; none in production. */
export interface OrdersServiceOptions {
  /**
   * Runs after Inventory has held the stock and before the order is recorded. A test makes it
   * throw to simulate Orders dying in between: nothing is recorded and the hold expires.
   */
  readonly afterReserve?: (hold: { readonly orderId: string }) => void | Promise<void>;
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
}

/** What a change made in the caller's transaction uses: the outbox for its events and the clock. */
export type OrderChangeContext = Pick<OrdersContext, "outbox" | "now">;

/** What applying a Fleet event uses besides the consumer's transaction. */
export type DeliveryEventContext = Pick<OrdersContext, "outbox" | "now" | "logger">;

/** The actor of changes Orders makes by itself (an order whose hold expired). */
export const systemActor = { subject: "orders", role: "service" } as const;
