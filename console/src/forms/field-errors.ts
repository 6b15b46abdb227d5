/** A broken rule, from the server (`violationsOf`) or from validation in the browser. */
export interface PathViolation {
  /** The field's path in proto names, e.g. `unit_price.minor_units` ("" for the whole message). */
  readonly field: string;
  readonly message: string;
}

/** Form field by the proto path it edits: `{ unit_price: "price" }` also takes `unit_price.minor_units`. */
export type FieldMap = Readonly<Record<string, string>>;

/** Messages per form field, and the ones no field of the form shows (for a banner). */
export interface FieldErrors {
  readonly byField: Readonly<Record<string, string>>;
  readonly unplaced: readonly string[];
}

/** No errors. */
export const noFieldErrors: FieldErrors = { byField: {}, unplaced: [] };

/**
 * Places each violation on the form field that edits its path (the longest mapped prefix wins; the
 * first message of a field is kept); the rest are unplaced.
 */
export function fieldErrorsOf(violations: readonly PathViolation[], fields: FieldMap): FieldErrors {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  const prefixes = Object.keys(fields).sort((a, b) => b.length - a.length);
  for (const { field, message } of violations) {
    const prefix = prefixes.find((p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`));
    const name = prefix === undefined ? undefined : fields[prefix];
    if (name === undefined) unplaced.push(field ? `${field}: ${message}` : message);
    else byField[name] ??= message;
  }
  return { byField, unplaced };
}

/** True when there is anything to show. */
export function hasFieldErrors(errors: FieldErrors): boolean {
  return errors.unplaced.length > 0 || Object.keys(errors.byField).length > 0;
}
