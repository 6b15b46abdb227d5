import { pathToString } from "@bufbuild/protobuf/reflect";
import { ValidationError, type Validator } from "@bufbuild/protovalidate";
import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { createValidateInterceptor } from "@connectrpc/validate";
import { safeMessage, withMessage } from "./safe-message.js";

/**
 * protovalidate on every request (via `@connectrpc/validate`), answering `InvalidArgument` with
 * the `buf.validate.Violations` detail. The message is rewritten to name each field plainly
 * (e.g. "invalid request - sku value does not match regex pattern"), without the rule's regex,
 * which would not survive the gRPC status trailer.
 */
export function createValidationInterceptor(validator?: Validator): Interceptor {
  const validate = createValidateInterceptor(validator ? { validator } : {});
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
          throw withMessage(error, safeMessage(`invalid request - ${fields.join("; ")}`));
        }
        throw error;
      }
    };
  };
}
