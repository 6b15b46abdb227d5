export { connectCodeOf } from "./connect-code.js";
export type { DomainErrorDetail, DomainErrorKind } from "./domain-error.js";
export { alreadyExists, DomainError, failedPrecondition, notFound, permissionDenied } from "./domain-error.js";
