import { describe, expect, it } from "vitest";
import { springSale } from "../../../test/campaigns/helpers/campaign-fixture.js";
import { differingFields, normalizePromoCode, type PlatformFields } from "./campaign-fields.js";

const base: PlatformFields = springSale;

describe("differingFields", () => {
  it("finds nothing between equal copies, comparing times by instant", () => {
    expect(differingFields(base, { ...base, startAt: new Date(base.startAt.getTime()) })).toEqual([]);
  });

  it("names every differing field in contract order, the budget by amount or currency", () => {
    expect(
      differingFields(base, { ...base, status: "paused", name: "Summer", endAt: new Date("2026-05-01T00:00:00Z") }),
    ).toEqual(["name", "end_time", "status"]);
    expect(differingFields(base, { ...base, currencyCode: "USD" })).toEqual(["budget"]);
    expect(differingFields(base, { ...base, budgetMinor: 1, startAt: new Date(0) })).toEqual(["budget", "start_time"]);
  });
});

describe("normalizePromoCode", () => {
  it("trims and upper-cases", () => {
    expect(normalizePromoCode(" spring-26 ")).toBe("SPRING-26");
  });
});
