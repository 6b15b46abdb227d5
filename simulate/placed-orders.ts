/** Most order ids kept: the summary lists them, and a run may last until stopped. */
export const keptOrderIds = 500;

/** The orders a run placed: how many, and the ids of the latest (memory stays bounded). */
export interface PlacedOrders {
  /** Counts an order and keeps its id, dropping the oldest kept beyond the limit. */
  add(orderId: string): void;
  /** Every order placed so far. */
  readonly count: number;
  /** The ids of the latest orders placed, oldest first, at most the limit. */
  recent(): readonly string[];
}

/**
 * A count of the orders placed plus a window of the latest `limit` ids. The actors only add to
 * it (they find the orders they move through Waybill's lists); the progress line reads the count
 * and the summary the ids, so a server-side run that lasts for days holds 500 ids, not millions.
 *
 * @example
 * const placed = createPlacedOrders();
 * placed.add("ord-1");
 * placed.count; // 1
 */
export function createPlacedOrders(limit = keptOrderIds): PlacedOrders {
  let count = 0;
  const ids: string[] = [];
  return {
    add(orderId) {
      count++;
      ids.push(orderId);
      if (ids.length > limit) ids.shift();
    },
    get count() {
      return count;
    },
    recent: () => [...ids],
  };
}
