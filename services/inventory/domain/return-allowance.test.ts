import { describe, expect, it } from "vitest";
import { checkReturnAllowance, planReturn, returnRefusalMessage } from "./return-allowance.js";

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

describe("planReturn", () => {
  it("cuts each SKU down to what it committed less what came back, and reports the cut", () => {
    const plan = planReturn({
      status: "committed",
      committed,
      returned: new Map([["A", 2]]),
      requested: [
        { sku: "B", quantity: 1 },
        { sku: "A", quantity: 1 },
        { sku: "A", quantity: 1 },
      ],
    });
    expect(plan).toEqual({
      kind: "within-committed",
      lines: [
        { sku: "A", quantity: 1 },
        { sku: "B", quantity: 1 },
      ],
      excess: [{ sku: "A", inOrder: true, committed: 3, returned: 2, requested: 2, allowed: 1 }],
    });
  });

  it("gives nothing back of a SKU fully returned (or over-returned before the cap), nor of one not in the order", () => {
    const plan = planReturn({
      status: "committed",
      committed,
      returned: new Map([["B", 4]]),
      requested: [
        { sku: "B", quantity: 1 },
        { sku: "C", quantity: 2 },
      ],
    });
    expect(plan).toEqual({
      kind: "within-committed",
      lines: [],
      excess: [
        { sku: "B", inOrder: true, committed: 1, returned: 4, requested: 1, allowed: 0 },
        { sku: "C", inOrder: false, committed: 0, returned: 0, requested: 2, allowed: 0 },
      ],
    });
  });

  it("sums the committed lines of a SKU, and gives nothing back of a reservation not committed", () => {
    const twice = [
      { sku: "A", quantity: 1 },
      { sku: "A", quantity: 2 },
    ];
    const requested = [{ sku: "A", quantity: 3 }];
    expect(planReturn({ status: "committed", committed: twice, returned: new Map(), requested })).toEqual({
      kind: "within-committed",
      lines: requested,
      excess: [],
    });
    expect(planReturn({ status: "released", committed: twice, returned: new Map(), requested })).toEqual({
      kind: "not-committed",
      status: "released",
    });
  });
});
