import type { MessageInitShape } from "@bufbuild/protobuf";
import { CourierAvailability, CourierKind, type RegisterCourierRequestSchema } from "@waybill/sdk/fleet";
import type { FieldMap, PathViolation } from "../../forms/field-errors.js";

/** The courier registration form as typed (the capacity is text until sent). */
export interface CourierDraft {
  readonly kind: CourierKind;
  readonly name: string;
  readonly zone: string;
  readonly capacity: string;
  readonly availability: CourierAvailability;
  readonly courierId: string;
}

/** A new form: a drone (which carries one order), online, the id left to the server. */
export const emptyCourierDraft: CourierDraft = {
  kind: CourierKind.DRONE,
  name: "",
  zone: "",
  capacity: "1",
  availability: CourierAvailability.ONLINE,
  courierId: "",
};

/** The request's paths to the form's fields, for `fieldErrorsOf`. */
export const courierFieldMap: FieldMap = {
  courier_id: "courierId",
  kind: "kind",
  name: "name",
  zone: "zone",
  capacity: "capacity",
  availability: "availability",
};

/** The draft with another kind: a drone's capacity is set back to its only allowed value, one. */
export function withKind(draft: CourierDraft, kind: CourierKind): CourierDraft {
  return kind === CourierKind.DRONE ? { ...draft, kind, capacity: "1" } : { ...draft, kind };
}

/**
 * The RegisterCourier request of a draft (without its idempotency key), trimmed, with what cannot
 * even be put in it: a capacity that is not a whole number is sent as 0 and reported on its field.
 */
export function courierRequest(draft: CourierDraft): {
  readonly init: Omit<MessageInitShape<typeof RegisterCourierRequestSchema>, "idempotencyKey" | "$typeName">;
  readonly violations: readonly PathViolation[];
} {
  const typed = draft.capacity.trim();
  const capacity = /^\d{1,3}$/.test(typed) ? Number(typed) : undefined;
  return {
    init: {
      courierId: draft.courierId.trim(),
      kind: draft.kind,
      name: draft.name.trim(),
      zone: draft.zone.trim(),
      capacity: capacity ?? 0,
      availability: draft.availability,
    },
    violations: capacity === undefined ? [{ field: "capacity", message: "enter a whole number of orders" }] : [],
  };
}

/**
 * Violations placed for the form: the contract's rule "a drone carries exactly one order" is about
 * the whole message (path ""), so for a drone it is shown on the capacity field.
 */
export function placeCourierViolations(violations: readonly PathViolation[], kind: CourierKind): PathViolation[] {
  return violations.map((v) => (v.field === "" && kind === CourierKind.DRONE ? { ...v, field: "capacity" } : v));
}
