// @vitest-environment happy-dom
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/sdk/fleet";
import { describe, expect, it } from "vitest";
import {
  activeStatuses,
  assignmentLabel,
  finishedStatuses,
  nextAvailability,
  riderActions,
} from "./assignment-actions.js";

describe("riderActions", () => {
  it("allows each report only in the status Fleet requires", () => {
    expect(riderActions(AssignmentStatus.ASSIGNED, CourierKind.RIDER)).toEqual(["pickup"]);
    expect(riderActions(AssignmentStatus.EN_ROUTE, CourierKind.RIDER)).toEqual(["delivery"]);
    expect(riderActions(AssignmentStatus.RECALLED, CourierKind.RIDER)).toEqual(["return"]);
  });

  it("allows nothing for a finished or queued assignment", () => {
    for (const status of [...finishedStatuses, AssignmentStatus.QUEUED, AssignmentStatus.PICKED_UP]) {
      expect(riderActions(status, CourierKind.RIDER)).toEqual([]);
    }
  });

  it("allows nothing to a drone, which flies on Fleet's clock", () => {
    for (const status of activeStatuses) expect(riderActions(status, CourierKind.DRONE)).toEqual([]);
    expect(riderActions(AssignmentStatus.ASSIGNED, CourierKind.UNSPECIFIED)).toEqual([]);
  });
});

describe("nextAvailability", () => {
  it("toggles between online and offline, and leaves maintenance to an operator", () => {
    expect(nextAvailability(CourierAvailability.ONLINE)).toBe(CourierAvailability.OFFLINE);
    expect(nextAvailability(CourierAvailability.OFFLINE)).toBe(CourierAvailability.ONLINE);
    expect(nextAvailability(CourierAvailability.MAINTENANCE)).toBeUndefined();
    expect(nextAvailability(CourierAvailability.UNSPECIFIED)).toBeUndefined();
  });
});

describe("assignmentLabel", () => {
  it("names every status in a courier's words", () => {
    expect(assignmentLabel(AssignmentStatus.ASSIGNED)).toBe("To pick up");
    expect(assignmentLabel(AssignmentStatus.EN_ROUTE)).toBe("On the way");
  });
});
