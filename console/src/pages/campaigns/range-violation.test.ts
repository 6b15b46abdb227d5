// @vitest-environment happy-dom
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CreateCampaignRequestSchema } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { checkRequest } from "../../forms/validate-request.js";
import { placeRangeViolations } from "./range-violation.js";

describe("placeRangeViolations", () => {
  it("puts the contract's end-before-start rule on the end field and leaves the others", () => {
    const checked = checkRequest(CreateCampaignRequestSchema, {
      brandId: "acme",
      name: "Spring",
      platform: "megaphone",
      budget: { currencyCode: "EUR", minorUnits: 100n },
      startTime: timestampFromDate(new Date("2026-03-02T00:00:00Z")),
      endTime: timestampFromDate(new Date("2026-03-01T00:00:00Z")),
      promoCode: "x",
      idempotencyKey: "k",
    });
    expect(checked.valid).toBe(false);
    const placed = placeRangeViolations(checked.valid ? [] : checked.violations);
    expect(placed).toContainEqual({ field: "end_time", message: "must be after the start" });
    expect(placed.some((v) => v.field === "promo_code")).toBe(true);
    expect(placed.some((v) => v.field === "")).toBe(false);
  });
});
