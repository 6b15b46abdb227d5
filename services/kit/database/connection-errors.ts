import { describeEndpoint } from "./connection-url.js";
import { DatabaseSaturatedError } from "./database-saturated-error.js";
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

/** Socket-level codes of a connection that was open and broke. */
const BROKEN_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * SQLSTATE codes meaning "the server cannot serve this session now", not "this statement is wrong":
 * 57P01 admin shutdown (a restart, `pg_terminate_backend`), 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up, shutting down, in recovery), 57P05 idle session timeout, 25P03 idle in
 * transaction timeout (the session was closed under us), 53300 too many connections. Class 08
 * (connection exception) is matched by its prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57P05", "25P03", "53300"]);

/**
 * What `pg` and `pg-pool` say when a connection was lost or could not be made in time; these
 * errors carry no code.
 */
const CONNECTION_LOSS_MESSAGES =
  /Connection terminated unexpectedly|Client has encountered a connection error and is not queryable|Connection terminated due to connection timeout|timeout expired|timeout exceeded when trying to connect/i;

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
 * True for every state in which the database cannot serve us for now, so the work should be
 * retried shortly rather than counted as failed: the server unreachable ({@link isUnreachableError},
 * {@link DependencyUnavailableError}), a connection lost under a query or a transaction (a restart,
 * `pg_terminate_backend`, a broken socket), the server shutting down or starting up, too many
 * connections, any class 08 connection exception, and a pool that stayed saturated
 * ({@link DatabaseSaturatedError}). RPCs answer these as `UNAVAILABLE`; consumers hold their
 * message as through an outage. Anything else (a constraint violation, a bug) is not one of them.
 *
 * @example
 * isDatabaseUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" })); // true
 * isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" })); // false
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DependencyUnavailableError || error instanceof DatabaseSaturatedError) return true;
  if (!(error instanceof Error)) return false;
  if (isUnreachableError(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (UNAVAILABLE_SQLSTATES.has(code) || BROKEN_SOCKET_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return CONNECTION_LOSS_MESSAGES.test(error.message);
}

/**
 * Turns a connection failure into a {@link DependencyUnavailableError} for PostgreSQL at `url`;
 * any other error is returned unchanged.
 */
export function toDatabaseError(error: unknown, url: string): unknown {
  return isUnreachableError(error) ? new DependencyUnavailableError("PostgreSQL", describeEndpoint(url), error) : error;
}
