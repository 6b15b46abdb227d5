import { describe, expect, it } from "vitest";
import { planDeliveryProgress } from "./delivery-progress.js";

describe("planDeliveryProgress", () => {
  it("moves one step for reports in order", () => {
    expect(planDeliveryProgress("ready_for_dispatch", "dispatched")).toEqual({
      kind: "advance",
      steps: ["dispatched"],
    });
    expect(planDeliveryProgress("dispatched", "en_route")).toEqual({ kind: "advance", steps: ["en_route"] });
    expect(planDeliveryProgress("en_route", "delivered")).toEqual({ kind: "advance", steps: ["delivered"] });
  });

  it("passes through the states a report skipped", () => {
    expect(planDeliveryProgress("ready_for_dispatch", "en_route")).toEqual({
      kind: "advance",
      steps: ["dispatched", "en_route"],
    });
    expect(planDeliveryProgress("ready_for_dispatch", "delivered")).toEqual({
      kind: "advance",
      steps: ["dispatched", "en_route", "delivered"],
    });
  });

  it("ignores a report of a state already reached or passed, so the order never moves back", () => {
    expect(planDeliveryProgress("en_route", "dispatched")).toEqual({ kind: "ignore", why: "stale" });
    expect(planDeliveryProgress("dispatched", "dispatched")).toEqual({ kind: "ignore", why: "stale" });
    expect(planDeliveryProgress("delivered", "en_route")).toEqual({ kind: "ignore", why: "stale" });
  });

  it("leaves cancelled and returned orders as they are, and ignores orders not handed to Fleet", () => {
    expect(planDeliveryProgress("cancelled", "delivered")).toEqual({ kind: "ignore", why: "closed" });
    expect(planDeliveryProgress("returned", "dispatched")).toEqual({ kind: "ignore", why: "closed" });
    expect(planDeliveryProgress("placed", "dispatched")).toEqual({ kind: "ignore", why: "not_ready" });
    expect(planDeliveryProgress("preparing", "delivered")).toEqual({ kind: "ignore", why: "not_ready" });
  });
});
