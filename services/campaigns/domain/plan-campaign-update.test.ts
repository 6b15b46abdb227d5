import { describe, expect, it } from "vitest";
import { springSale } from "../../../test/campaigns/helpers/campaign-fixture.js";
import type { DomainError } from "../../kit/errors/index.js";
import { type CampaignDraft, type CampaignUpdateInput, planCampaignUpdate } from "./plan-campaign-update.js";

const current: CampaignDraft = { ...springSale, promoCode: "SPRING" };
const none: CampaignUpdateInput = {
  paths: [],
  name: "",
  budget: undefined,
  startAt: undefined,
  endAt: undefined,
  status: undefined,
  promoCode: "",
};

describe("planCampaignUpdate", () => {
  it("changes only the masked fields and pushes the platform's ones", () => {
    const plan = planCampaignUpdate(current, {
      ...none,
      paths: ["name", "budget", "promo_code"],
      name: "Summer",
      budget: { currencyCode: "EUR", minorUnits: 5 },
      promoCode: "summer-1",
      status: "paused",
    });
    expect(plan.next).toMatchObject({ name: "Summer", budgetMinor: 5, promoCode: "SUMMER-1", status: "active" });
    expect(plan.changedFields).toEqual(["name", "budget", "promo_code"]);
    expect(plan.pushFields).toEqual(["name", "budget"]);
  });

  it("reads camelCase paths and finds no change in values equal to the current ones", () => {
    const plan = planCampaignUpdate(current, {
      ...none,
      paths: ["startTime", "promoCode"],
      startAt: new Date(current.startAt.getTime()),
      promoCode: "spring",
    });
    expect(plan.changedFields).toEqual([]);
    expect(plan.pushFields).toEqual([]);
  });

  it("keeps every change of an archived campaign local and refuses a status change", () => {
    const archived = { ...current, status: "archived" as const };
    expect(planCampaignUpdate(archived, { ...none, paths: ["name"], name: "Old" }).pushFields).toEqual([]);
    expect(() => planCampaignUpdate(archived, { ...none, paths: ["status"], status: "active" })).toThrow(/final/);
  });

  it("refuses an end not after the start, also when only one side moves", () => {
    const error = (() => {
      try {
        planCampaignUpdate(current, { ...none, paths: ["end_time"], endAt: new Date("2026-02-01T00:00:00Z") });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.kind).toBe("invalid_argument");
    expect(() => planCampaignUpdate(current, { ...none, paths: ["status"], status: "draft" })).toThrow(/DRAFT/);
    expect(() => planCampaignUpdate(current, { ...none, paths: ["platform"] })).toThrow(/cannot be changed/);
  });
});
