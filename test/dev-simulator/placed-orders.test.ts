import { describe, expect, it } from "vitest";
import { createPlacedOrders } from "../../simulate/placed-orders.js";

describe("the orders a run placed", () => {
  it("counts every order but keeps only the latest ids", () => {
    const placed = createPlacedOrders(3);
    expect(placed.count).toBe(0);
    expect(placed.recent()).toEqual([]);
    for (let n = 1; n <= 1000; n++) placed.add(`ord-${n}`);
    expect(placed.count).toBe(1000);
    expect(placed.recent()).toEqual(["ord-998", "ord-999", "ord-1000"]);
  });

  it("keeps 500 ids by default", () => {
    const placed = createPlacedOrders();
    for (let n = 1; n <= 501; n++) placed.add(`ord-${n}`);
    expect(placed.recent()).toHaveLength(500);
    expect(placed.recent()[0]).toBe("ord-2");
  });
});
