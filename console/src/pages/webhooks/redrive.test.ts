// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { redriveScope, redriveSummary } from "./redrive.js";

const webhookId = "6f1c2a4e-1f7b-4c1e-9a57-2b7f0e3c1d55";
const notificationId = "0b3c7a9e-5d2f-4e61-8a1b-9c4d2e7f6a10";

describe("redriveScope", () => {
  it("redrives one delivery under its own brand and webhook, whatever the page's brand", () => {
    expect(redriveScope({ notificationId, brandId: "acme", webhookId }, "", "")).toEqual({
      brandId: "acme",
      webhookId,
      notificationIds: [notificationId],
    });
  });

  it("redrives every dead delivery of the brand, or of the chosen webhook, and nothing without a brand", () => {
    expect(redriveScope(undefined, "acme", "")).toEqual({ brandId: "acme", webhookId: "", notificationIds: [] });
    expect(redriveScope(undefined, "acme", webhookId)?.webhookId).toBe(webhookId);
    expect(redriveScope(undefined, "", webhookId)).toBeUndefined();
  });
});

describe("redriveSummary", () => {
  it("says how many deliveries go again", () => {
    expect(redriveSummary(0n)).toBe("No dead delivery to redrive.");
    expect(redriveSummary(1n)).toBe("1 delivery put back to pending: it is tried again.");
    expect(redriveSummary(3n)).toBe("3 deliveries put back to pending: they are tried again.");
  });
});
