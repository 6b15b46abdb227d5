import type { DescMessage, MessageInitShape } from "@bufbuild/protobuf";

/** What went wrong, in domain terms; the error interceptor maps each kind to a Connect code. */
export type DomainErrorKind =
  | "invalid_argument"
  | "not_found"
  | "already_exists"
  | "failed_precondition"
  | "permission_denied"
  | "aborted"
  | "unavailable";

/** A typed error detail carried to the caller (for example an inventory `StockShortage`). */
export interface DomainErrorDetail<Desc extends DescMessage = DescMessage> {
  readonly desc: Desc;
  readonly value: MessageInitShape<Desc>;
}

/**
 * An expected failure of a domain rule. Domain code throws it without knowing about Connect; the
 * error interceptor answers it with the matching code, the message and the details.
 * Messages are shown to callers: keep them helpful and free of internals (and of `:` `/` `,` `?`,
 * which some gRPC clients decode badly).
 *
 * @example
 * throw new DomainError("not_found", `brand ${brandId} has no item ${sku}`);
 */
export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: readonly DomainErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** Shorthand for a `not_found` {@link DomainError}. */
export function notFound(message: string): DomainError {
  return new DomainError("not_found", message);
}

/** Shorthand for a `failed_precondition` {@link DomainError}. */
export function failedPrecondition(message: string, details: readonly DomainErrorDetail[] = []): DomainError {
  return new DomainError("failed_precondition", message, details);
}

/** Shorthand for an `already_exists` {@link DomainError}. */
export function alreadyExists(message: string): DomainError {
  return new DomainError("already_exists", message);
}

/** Shorthand for a `permission_denied` {@link DomainError}. */
export function permissionDenied(message: string): DomainError {
  return new DomainError("permission_denied", message);
}
