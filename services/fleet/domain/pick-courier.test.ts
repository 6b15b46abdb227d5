import { describe, expect, it } from "vitest";
import { type Candidate, pickCourier } from "./pick-courier.js";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
const courier = (courierId: string, active: number, extra: Partial<Candidate> = {}): Candidate => ({
  courierId,
  active,
  capacity: 3,
  idleSince: active === 0 ? at(0) : null,
  lastAssignedAt: null,
  ...extra,
});

describe("pickCourier", () => {
  it("takes the courier with the fewest active orders", () => {
    expect(pickCourier([courier("a", 2), courier("b", 1), courier("c", 2)])?.courierId).toBe("b");
  });

  it("breaks ties between idle couriers by the longest idle", () => {
    expect(pickCourier([courier("a", 0, { idleSince: at(5) }), courier("b", 0, { idleSince: at(2) })])?.courierId).toBe(
      "b",
    );
  });

  it("breaks ties between busy couriers by the oldest last order, a never-assigned one first", () => {
    const picked = pickCourier([
      courier("a", 1, { lastAssignedAt: at(9) }),
      courier("b", 1, { lastAssignedAt: at(3) }),
      courier("c", 2),
    ]);
    expect(picked?.courierId).toBe("b");
    expect(pickCourier([courier("a", 1, { lastAssignedAt: at(1) }), courier("b", 1)])?.courierId).toBe("b");
  });

  it("skips full couriers and settles exact ties by id", () => {
    expect(pickCourier([courier("a", 3), courier("z", 1), courier("m", 1)])?.courierId).toBe("m");
    expect(pickCourier([courier("a", 3), courier("b", 3)])).toBeUndefined();
  });
});
