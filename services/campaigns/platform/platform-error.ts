import { DomainError } from "../../kit/errors/index.js";

/**
 * How a platform call failed:
 * - `unavailable`: no usable answer after every retry (timeouts, lost connections, 429, 5xx);
 * - `rejected`: the platform refused the request (a 4xx other than 404, 408, 409 and 429);
 * - `not_found`: the platform has no such campaign (404);
 * - `conflict`: the idempotency key was used before for another campaign (409);
 * - `aborted`: the caller gave up (its RPC was cancelled or the server is stopping).
 */
export type PlatformFailure = "unavailable" | "rejected" | "not_found" | "conflict" | "aborted";

/** A failed call to an ad platform; the message is safe to show to callers. */
export class PlatformError extends Error {
  override readonly name = "PlatformError";

  constructor(
    readonly kind: PlatformFailure,
    /** Name of the platform, e.g. `megaphone`. */
    readonly platform: string,
    message: string,
    /** HTTP status of the last answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * The error an RPC answers when a platform call it cannot do without failed: UNAVAILABLE when the
 * platform cannot be reached, FAILED_PRECONDITION when it refused, both with `advice` appended.
 * Anything that is not a {@link PlatformError} is rethrown as it is.
 */
export function platformDomainError(error: unknown, advice: string): DomainError {
  if (!(error instanceof PlatformError)) throw error;
  const kind = error.kind === "unavailable" || error.kind === "aborted" ? "unavailable" : "failed_precondition";
  return new DomainError(kind, `${error.message} - ${advice}`);
}
