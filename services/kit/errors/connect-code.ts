import { Code } from "@connectrpc/connect";
import type { DomainErrorKind } from "./domain-error.js";

/**
 * The Connect code each kind of {@link DomainError} reaches callers with: the error interceptor
 * answers with it, and the idempotency store keeps refusals under it.
 *
 * @example
 * connectCodeOf.failed_precondition; // Code.FailedPrecondition
 */
export const connectCodeOf: Readonly<Record<DomainErrorKind, Code>> = {
  invalid_argument: Code.InvalidArgument,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  failed_precondition: Code.FailedPrecondition,
  permission_denied: Code.PermissionDenied,
  aborted: Code.Aborted,
  unavailable: Code.Unavailable,
};
