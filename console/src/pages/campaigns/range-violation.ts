import type { PathViolation } from "../../forms/field-errors.js";

/**
 * The contracts check "end after start" on the whole message (no field path); the form shows it
 * on the end field, where the user fixes it.
 */
export function placeRangeViolations(violations: readonly PathViolation[]): PathViolation[] {
  return violations.map((violation) =>
    violation.field === "" && /end_time must be after start_time/.test(violation.message)
      ? { field: "end_time", message: "must be after the start" }
      : violation,
  );
}
