// @vitest-environment happy-dom
import { NotificationStatus } from "@waybill/sdk/notifications";
import { describe, expect, it } from "vitest";
import { deliveryBadge, deliveryStatuses, isUnsettled } from "./delivery-status.js";

describe("deliveryBadge", () => {
  it("marks dead deliveries as the ones to act on and delivered ones as good", () => {
    expect(deliveryBadge(NotificationStatus.DEAD)).toEqual({ label: "Dead", tone: "danger" });
    expect(deliveryBadge(NotificationStatus.SENT)).toEqual({ label: "Delivered", tone: "good" });
    expect(deliveryBadge(NotificationStatus.RETRYING).tone).toBe("warning");
    expect(deliveryBadge(NotificationStatus.UNSPECIFIED).label).toBe("Unknown");
  });
});

describe("isUnsettled", () => {
  it("is true only while a later attempt may change the delivery", () => {
    expect(deliveryStatuses.filter(isUnsettled)).toEqual([NotificationStatus.PENDING, NotificationStatus.RETRYING]);
  });
});
