import { describeEndpoint } from "./connection-url.js";
import { DependencyUnavailableError } from "./dependency-unavailable-error.js";

/** Socket-level error codes that mean "nobody answered", as opposed to a refused login or SQL error. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

/**
 * True when an error from `pg` (or `net`) means the server could not be reached at all.
 * Node reports dual-stack failures as an `AggregateError` whose members carry the code.
 */
export function isUnreachableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachableError);
  return /timeout expired|Connection terminated due to connection timeout/i.test(error.message);
}

/**
 * Turns a connection failure into a {@link DependencyUnavailableError} for PostgreSQL at `url`;
 * any other error is returned unchanged.
 */
export function toDatabaseError(error: unknown, url: string): unknown {
  return isUnreachableError(error) ? new DependencyUnavailableError("PostgreSQL", describeEndpoint(url), error) : error;
}
