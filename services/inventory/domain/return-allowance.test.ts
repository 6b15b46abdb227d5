import { describe, expect, it } from "vitest";
import { checkReturnAllowance, returnRefusalMessage } from "./return-allowance.js";

const committed = [
  { sku: "A", quantity: 3 },
  { sku: "B", quantity: 1 },
];

describe("checkReturnAllowance", () => {
  it("allows up to what each SKU committed, counting earlier returns", () => {
    const returned = new Map([["A", 1]]);
    expect(
      checkReturnAllowance({ status: "committed", committed, returned, requested: [{ sku: "A", quantity: 2 }] }),
    ).toBeUndefined();
    expect(
      checkReturnAllowance({ status: "committed", committed, returned, requested: [{ sku: "A", quantity: 3 }] }),
    ).toEqual({ kind: "more-than-committed", sku: "A", committed: 3, returned: 1, requested: 3 });
  });

  it("refuses a reservation that consumed nothing and a SKU the order did not commit", () => {
    const returned = new Map<string, number>();
    for (const status of ["held", "confirmed", "released"]) {
      expect(checkReturnAllowance({ status, committed, returned, requested: [{ sku: "A", quantity: 1 }] })).toEqual({
        kind: "not-committed",
        status,
      });
    }
    expect(
      checkReturnAllowance({ status: "committed", committed, returned, requested: [{ sku: "C", quantity: 1 }] }),
    ).toEqual({ kind: "not-in-order", sku: "C" });
  });

  it("says what was committed and what came back", () => {
    expect(
      returnRefusalMessage("o-1", { kind: "more-than-committed", sku: "A", committed: 3, returned: 1, requested: 3 }),
    ).toBe("order o-1 committed 3 of A and 1 came back already: 3 more cannot be returned");
  });
});
