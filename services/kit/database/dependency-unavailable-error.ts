/** What to tell an operator for each external dependency Waybill needs. */
const HINTS = {
  PostgreSQL: "set DATABASE_URL to point Waybill at another server",
  NATS: "set NATS_URL to point Waybill at another server",
} as const;

/** An external dependency Waybill cannot run without. */
export type Dependency = keyof typeof HINTS;

/**
 * Thrown when PostgreSQL or NATS cannot be reached. The message names the dependency, the
 * endpoint that was tried (host:port, never credentials) and the variable that changes it, so
 * a first run on a fresh laptop fails with an actionable line instead of a bare ECONNREFUSED.
 *
 * @example
 * throw new DependencyUnavailableError("PostgreSQL", "127.0.0.1:5432", err);
 * // PostgreSQL is unreachable at 127.0.0.1:5432 (connect ECONNREFUSED ...); set DATABASE_URL ...
 */
export class DependencyUnavailableError extends Error {
  /** Which dependency failed. */
  readonly dependency: Dependency;
  /** `host:port` that was tried. */
  readonly endpoint: string;

  constructor(dependency: Dependency, endpoint: string, cause?: unknown) {
    const reason = cause instanceof Error && cause.message !== "" ? ` (${cause.message})` : "";
    super(`${dependency} is unreachable at ${endpoint}${reason}; ${HINTS[dependency]}`, { cause });
    this.name = "DependencyUnavailableError";
    this.dependency = dependency;
    this.endpoint = endpoint;
  }
}
