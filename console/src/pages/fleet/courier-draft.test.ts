// @vitest-environment happy-dom
import { CourierKind, RegisterCourierRequestSchema } from "@waybill/sdk/fleet";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import {
  type CourierDraft,
  courierFieldMap,
  courierRequest,
  emptyCourierDraft,
  placeCourierViolations,
  withKind,
} from "./courier-draft.js";

const rider: CourierDraft = {
  ...emptyCourierDraft,
  kind: CourierKind.RIDER,
  name: " Bessie ",
  zone: "rider-zone",
  capacity: " 3 ",
};

/** The form's marks for a draft, the contract's rules included, as the form shows them. */
function marks(draft: CourierDraft): Readonly<Record<string, string>> {
  const { init, violations } = courierRequest(draft);
  const checked = checkRequest(RegisterCourierRequestSchema, { ...init, idempotencyKey: "k" });
  const all = [...violations, ...(checked.valid ? [] : checked.violations)];
  return fieldErrorsOf(placeCourierViolations(all, draft.kind), courierFieldMap).byField;
}

describe("courierRequest", () => {
  it("builds a request the contract accepts, trimmed, the capacity a number", () => {
    const { init, violations } = courierRequest(rider);
    expect(violations).toEqual([]);
    expect(init).toMatchObject({ name: "Bessie", capacity: 3, courierId: "" });
    expect(marks(rider)).toEqual({});
  });

  it("marks a capacity that is not a whole number on its field", () => {
    expect(courierRequest({ ...rider, capacity: "2.5" }).violations).toEqual([
      { field: "capacity", message: "enter a whole number of orders" },
    ]);
    expect(Object.keys(marks({ ...rider, capacity: "many" }))).toEqual(["capacity"]);
  });

  it("marks an id that is not a UUID on its field", () => {
    expect(marks({ ...rider, courierId: "not-a-uuid" }).courierId).toMatch(/UUID/i);
  });
});

describe("placeCourierViolations", () => {
  it("shows a drone's capacity of more than one on the capacity field", () => {
    expect(Object.keys(marks({ ...emptyCourierDraft, name: "Kite", zone: "north", capacity: "2" }))).toEqual([
      "capacity",
    ]);
  });

  it("leaves a whole-message violation of a rider unplaced", () => {
    const placed = placeCourierViolations([{ field: "", message: "m" }], CourierKind.RIDER);
    expect(placed).toEqual([{ field: "", message: "m" }]);
  });
});

describe("withKind", () => {
  it("sets a drone's capacity back to one, and keeps a rider's", () => {
    expect(withKind(rider, CourierKind.DRONE)).toMatchObject({ kind: CourierKind.DRONE, capacity: "1" });
    expect(withKind({ ...emptyCourierDraft, capacity: "1" }, CourierKind.RIDER).capacity).toBe("1");
  });
});
