import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/** An order of this run that a status move has taken, and the status it moves it to. */
export interface ClaimedMove {
  readonly orderId: string;
  readonly to: OrderStatus.PREPARING | OrderStatus.READY_FOR_DISPATCH;
}

/**
 * The orders this run placed, for status moves and GetOrder. A move takes an order out while it
 * runs, so two moves never race for one order; the kitchen moves are PLACED → PREPARING →
 * READY_FOR_DISPATCH (`services/orders/domain/order-status.ts`), after which Fleet owns the order.
 */
export interface OrderPool {
  /** An order was placed (PLACED). */
  placed(orderId: string): void;
  /** Takes the oldest order waiting for its next kitchen move, or undefined when none waits. */
  claimMove(): ClaimedMove | undefined;
  /** The move succeeded: a PREPARING order waits for READY_FOR_DISPATCH, a ready one leaves. */
  moved(move: ClaimedMove): void;
  /** The move failed: the order leaves the pool (its state is unknown). */
  dropped(move: ClaimedMove): void;
  /** Any order placed in this run (recent ones), or undefined before the first. */
  anyOrderId(pick: (length: number) => number): string | undefined;
  /** Orders waiting for a move. */
  waiting(): number;
}

/** How many placed order ids GetOrder draws from (the latest ones). */
const recentLimit = 10_000;

/** Creates an empty pool. */
export function createOrderPool(): OrderPool {
  // Insertion-ordered: the first key is the oldest waiting order.
  const waiting = new Map<string, OrderStatus.PLACED | OrderStatus.PREPARING>();
  const recent: string[] = [];
  let nextRecent = 0;
  return {
    placed(orderId) {
      waiting.set(orderId, OrderStatus.PLACED);
      if (recent.length < recentLimit) recent.push(orderId);
      else recent[nextRecent++ % recentLimit] = orderId;
    },
    claimMove() {
      const first = waiting.entries().next();
      if (first.done) return undefined;
      const [orderId, status] = first.value;
      waiting.delete(orderId);
      return {
        orderId,
        to: status === OrderStatus.PLACED ? OrderStatus.PREPARING : OrderStatus.READY_FOR_DISPATCH,
      };
    },
    moved(move) {
      if (move.to === OrderStatus.PREPARING) waiting.set(move.orderId, OrderStatus.PREPARING);
    },
    dropped: () => undefined,
    anyOrderId: (pick) => (recent.length === 0 ? undefined : recent[pick(recent.length)]),
    waiting: () => waiting.size,
  };
}
