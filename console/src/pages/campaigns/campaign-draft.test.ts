// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CampaignSchema, CampaignStatus, UpdateCampaignRequestSchema } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { checkRequest } from "../../forms/validate-request.js";
import { draftOf, localInputOf, maskedValues, timestampOfLocal, updatePaths } from "./campaign-draft.js";

const campaign = create(CampaignSchema, {
  campaignId: "5f0c6a53-4ae1-4a8e-9d1c-2b9a3c9f1e10",
  brandId: "acme",
  name: "Spring",
  platform: "megaphone",
  budget: { currencyCode: "EUR", minorUnits: 100_000n },
  startTime: timestampFromDate(new Date(2026, 2, 1, 9, 30)),
  endTime: timestampFromDate(new Date(2026, 5, 1, 18, 0)),
  status: CampaignStatus.ACTIVE,
  promoCode: "SPRING",
});

describe("datetime-local values", () => {
  it("round-trip a time to the minute in local time", () => {
    expect(localInputOf(campaign.startTime)).toBe("2026-03-01T09:30");
    const back = timestampOfLocal("2026-03-01T09:30");
    expect(back && timestampDate(back).getTime()).toBe(new Date(2026, 2, 1, 9, 30).getTime());
  });

  it("give nothing for an empty or broken value", () => {
    expect(timestampOfLocal("")).toBeUndefined();
    expect(timestampOfLocal("2026-13-45T99:99")).toBeUndefined();
    expect(localInputOf(undefined)).toBe("");
  });
});

describe("draftOf", () => {
  it("starts a new campaign as a draft on megaphone, from the browser's next midnight for 30 days", () => {
    // Local times: the same wherever the test runs, across a daylight-saving change too.
    const draft = draftOf(undefined, new Date(2026, 2, 1, 23, 30));
    expect(draft).toMatchObject({ name: "", platform: "megaphone", currency: "EUR", status: CampaignStatus.DRAFT });
    expect(draft.start).toBe("2026-03-02T00:00");
    expect(draft.end).toBe("2026-04-01T00:00");
    expect(timestampOfLocal(draft.start)).toEqual(timestampFromDate(new Date(2026, 2, 2)));
  });
});

describe("updatePaths", () => {
  const before = draftOf(campaign);

  it("is empty when nothing changed, however the same values are typed", () => {
    expect(updatePaths(before, before)).toEqual([]);
    expect(
      updatePaths(before, { ...before, budget: "1000", currency: "eur", promoCode: " spring ", name: "Spring " }),
    ).toEqual([]);
  });

  it("names each changed field as UpdateCampaign's mask does", () => {
    expect(updatePaths(before, { ...before, name: "Summer" })).toEqual(["name"]);
    expect(updatePaths(before, { ...before, budget: "1000.01" })).toEqual(["budget"]);
    expect(updatePaths(before, { ...before, currency: "USD" })).toEqual(["budget"]);
    expect(
      updatePaths(before, {
        ...before,
        start: "2026-03-02T09:30",
        end: "2026-07-01T18:00",
        status: CampaignStatus.PAUSED,
        promoCode: "",
      }),
    ).toEqual(["start_time", "end_time", "status", "promo_code"]);
  });

  it("sends a budget that does not parse, so validation marks it", () => {
    expect(updatePaths(before, { ...before, budget: "lots" })).toEqual(["budget"]);
  });
});

describe("maskedValues", () => {
  it("sends only the masked fields, so an archived campaign's name can still be edited", () => {
    const archived = { ...campaign, status: CampaignStatus.ARCHIVED };
    const before = draftOf(archived);
    const paths = updatePaths(before, { ...before, name: "Spring, renamed" });
    expect(paths).toEqual(["name"]);
    const values = {
      name: "Spring, renamed",
      budget: archived.budget,
      startTime: archived.startTime,
      endTime: archived.endTime,
      status: archived.status,
      promoCode: archived.promoCode,
    };
    const request = { campaignId: archived.campaignId, updateMask: { paths }, idempotencyKey: "k-1" };
    // With every field, ARCHIVED breaks the status rule even though status is not in the mask.
    expect(checkRequest(UpdateCampaignRequestSchema, { ...request, ...values }).valid).toBe(false);
    const masked = maskedValues(values, paths);
    expect(masked).toEqual({ name: "Spring, renamed" });
    expect(checkRequest(UpdateCampaignRequestSchema, { ...request, ...masked }).valid).toBe(true);
  });
});
