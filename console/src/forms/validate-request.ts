import { create, type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { pathToString } from "@bufbuild/protobuf/reflect";
import { createValidator } from "@bufbuild/protovalidate";
import type { PathViolation } from "./field-errors.js";

// One validator for the app: it compiles each message's rules once and keeps them.
const validator = createValidator();

/** A request built and checked against the contract's rules before it is sent. */
export type CheckedRequest<Desc extends DescMessage> =
  | { readonly valid: true; readonly message: MessageShape<Desc> }
  | { readonly valid: false; readonly violations: readonly PathViolation[] };

/**
 * Builds the request with `create` and validates it with protovalidate (the same `buf.validate`
 * rules the server applies), so that a form shows what is wrong without a round trip.
 */
export function checkRequest<Desc extends DescMessage>(
  schema: Desc,
  init: MessageInitShape<Desc>,
): CheckedRequest<Desc> {
  const message = create(schema, init);
  const result = validator.validate(schema, message);
  if (result.kind === "valid") return { valid: true, message };
  if (result.kind === "invalid") {
    return {
      valid: false,
      violations: result.violations.map((v) => ({ field: pathToString(v.field), message: v.message })),
    };
  }
  // A rule that cannot be evaluated here: let the server decide.
  return { valid: true, message };
}
