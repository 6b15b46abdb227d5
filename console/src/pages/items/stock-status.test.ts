// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { stockBadge, stockStatus } from "./stock-status.js";

describe("stockStatus", () => {
  it("is out when nothing is available, low at or below the threshold, else in stock", () => {
    expect(stockStatus(0n, 5n)).toBe("out");
    expect(stockStatus(-2n, 0n)).toBe("out");
    expect(stockStatus(5n, 5n)).toBe("low");
    expect(stockStatus(1n, 5n)).toBe("low");
    expect(stockStatus(6n, 5n)).toBe("ok");
    expect(stockStatus(1n, 0n)).toBe("ok");
  });

  it("gives each status its badge", () => {
    expect(stockBadge("out")).toEqual({ label: "Out of stock", tone: "danger" });
    expect(stockBadge("low")).toEqual({ label: "Low stock", tone: "warning" });
    expect(stockBadge("ok")).toEqual({ label: "In stock", tone: "good" });
  });
});
