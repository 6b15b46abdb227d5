export type { DomainErrorDetail, DomainErrorKind } from "./domain-error.js";
export { alreadyExists, DomainError, failedPrecondition, notFound, permissionDenied } from "./domain-error.js";
