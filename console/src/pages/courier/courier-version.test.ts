import { describe, expect, it } from "vitest";
import { isNewerCourier } from "./courier-version.js";

describe("isNewerCourier", () => {
  it("is newer only past every known version", () => {
    expect(isNewerCourier(3n, 2n, 2n)).toBe(true);
    expect(isNewerCourier(3n, 3n, 2n)).toBe(false);
    expect(isNewerCourier(3n, 2n, 4n)).toBe(false);
    expect(isNewerCourier(3n, undefined, 2n)).toBe(true);
  });

  it("is newer while nothing is known yet", () => {
    expect(isNewerCourier(1n, undefined, undefined)).toBe(true);
    expect(isNewerCourier(1n)).toBe(true);
  });
});
