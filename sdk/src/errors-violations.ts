import { Code, ConnectError } from "@connectrpc/connect";
// The four messages of the Violations detail (gen/wire), not the descriptors of every rule.
import { type FieldPath, ViolationsSchema } from "@waybill/contracts/wire/buf/validate/validate_pb.js";

/** One broken rule of a refused request. */
export interface FieldViolation {
  /** The field's path in proto names, e.g. `lines[0].quantity` or `delivery_address.postal_code` ("" for the whole message). */
  readonly field: string;
  /** The rule's id, e.g. `int64.gt` or a CEL rule's own id. */
  readonly ruleId: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/**
 * The violations of a request refused as invalid (INVALID_ARGUMENT with a `buf.validate.Violations`
 * detail), one per broken rule; `undefined` for any other error. Group them by `field` to show each
 * next to its input.
 *
 * @example
 * const violations = violationsOf(error);
 * const quantity = violations?.find((v) => v.field === "lines[0].quantity")?.message;
 */
export function violationsOf(error: unknown): readonly FieldViolation[] | undefined {
  if (!(error instanceof ConnectError) || error.code !== Code.InvalidArgument) return undefined;
  const [details] = error.findDetails(ViolationsSchema);
  if (!details) return undefined;
  return details.violations.map((violation) => ({
    field: fieldPathText(violation.field),
    ruleId: violation.ruleId,
    message: violation.message,
  }));
}

/** `lines[0].quantity`, `labels["color"]`: a FieldPath as the text a form can key on. */
function fieldPathText(path: FieldPath | undefined): string {
  let text = "";
  for (const element of path?.elements ?? []) {
    text += text === "" ? element.fieldName : `.${element.fieldName}`;
    const { subscript } = element;
    if (subscript.case === "stringKey") text += `[${JSON.stringify(subscript.value)}]`;
    else if (subscript.case !== undefined) text += `[${String(subscript.value)}]`;
  }
  return text;
}
