import { describe, expect, it } from "vitest";
import { decideAlerts } from "./stock-alerts.js";

describe("decideAlerts", () => {
  const clear = { lowAlerted: false, outAlerted: false };

  it("stays quiet above the threshold and clears the flags", () => {
    expect(decideAlerts({ lowAlerted: true, outAlerted: true }, 6, 5)).toEqual({
      flags: clear,
      stockLow: false,
      outOfStock: false,
    });
  });

  it("announces StockLow once when available reaches the threshold", () => {
    const first = decideAlerts(clear, 5, 5);
    expect(first).toMatchObject({ stockLow: true, outOfStock: false });
    expect(decideAlerts(first.flags, 4, 5)).toMatchObject({ stockLow: false, outOfStock: false });
  });

  it("announces OutOfStock once at zero, and both when falling straight to zero", () => {
    const straight = decideAlerts(clear, 0, 5);
    expect(straight).toMatchObject({ stockLow: true, outOfStock: true });
    expect(decideAlerts(straight.flags, 0, 5)).toMatchObject({ stockLow: false, outOfStock: false });
  });

  it("re-arms only after rising above the threshold", () => {
    const low = decideAlerts(clear, 2, 5).flags;
    expect(decideAlerts(low, 5, 5).stockLow).toBe(false);
    const rearmed = decideAlerts(low, 9, 5).flags;
    expect(decideAlerts(rearmed, 5, 5).stockLow).toBe(true);
  });
});
