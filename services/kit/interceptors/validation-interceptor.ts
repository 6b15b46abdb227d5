import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { pathToString } from "@bufbuild/protobuf/reflect";
import { createValidator, ValidationError, type Validator, type Violation } from "@bufbuild/protovalidate";
import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidateInterceptor } from "@connectrpc/validate";
import { controlCharacterViolation } from "./control-characters.js";
import { safeMessage, withMessage } from "./safe-message.js";
import { timestampRangeViolation } from "./timestamp-range.js";
import { walkRequest } from "./walk-request.js";

/**
 * protovalidate on every request (via `@connectrpc/validate`), answering `InvalidArgument` with
 * the `buf.validate.Violations` detail. The message is rewritten to name each field plainly
 * (e.g. "invalid request - sku value does not match regex pattern"), without the rule's regex,
 * which would not survive the gRPC status trailer. On top of the contracts' rules, two rules hold
 * for every request, whatever its contract says: no string holds a control character but tab and
 * line breaks ({@link controlCharacterViolation}: a NUL never reaches PostgreSQL or another
 * system), and every `google.protobuf.Timestamp` lies in years 1 to 9999
 * ({@link timestampRangeViolation}).
 */
export function createValidationInterceptor(validator?: Validator): Interceptor {
  const validate = createValidateInterceptor({ validator: withRequestRules(validator ?? createValidator()) });
  return (next) => {
    const validated = validate(next);
    return async (req) => {
      try {
        return await validated(req);
      } catch (error) {
        if (error instanceof ConnectError && error.cause instanceof ValidationError) {
          const fields = error.cause.violations.map(
            (violation) => `${pathToString(violation.field)} ${violation.message.replace(/\s*`[^`]*`/g, "")}`,
          );
          const more = truncated.has(error.cause) ? ` (the first ${maxViolations} violations)` : "";
          throw withMessage(error, safeMessage(`invalid request - ${fields.join("; ")}${more}`));
        }
        throw error;
      }
    };
  };
}

/**
 * The most violations one answer lists: a request with thousands of bad list entries would
 * otherwise make a status too large for a gRPC trailer (the stream is reset, no status at all).
 */
const maxViolations = 20;

/** Validation errors whose list was cut to {@link maxViolations}. */
const truncated = new WeakSet<ValidationError>();

/** `validator`, with the violations of the rules for every request added to the contracts' own. */
function withRequestRules(validator: Validator): Validator {
  return {
    validate<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>) {
      const result = validator.validate(schema, message);
      const found: Violation[] = [];
      walkRequest(schema, message, (visited) => {
        const violation = controlCharacterViolation(visited) ?? timestampRangeViolation(visited);
        if (violation) found.push(violation);
      });
      if (found.length === 0 && (result.kind !== "invalid" || result.violations.length <= maxViolations)) return result;
      // A rule that could not be evaluated (a CEL time comparison of an out-of-range time) yields
      // to the violations that explain why.
      const all = [...found, ...(result.kind === "invalid" ? result.violations : [])];
      const violations = all.slice(0, maxViolations);
      const error = new ValidationError(violations);
      if (all.length > maxViolations) truncated.add(error);
      return { kind: "invalid", message, error, violations };
    },
  };
}
