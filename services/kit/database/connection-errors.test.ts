import pg from "pg";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { isDatabaseUnavailable, isUnreachableError } from "./connection-errors.js";
import { DatabaseSaturatedError } from "./database-saturated-error.js";
import { DependencyUnavailableError } from "./dependency-unavailable-error.js";

/** An error as the server sends it, with its SQLSTATE. */
function serverError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, 0, "error");
  error.code = code;
  return error;
}

/** A socket error as `net` reports it. */
function socketError(code: string): Error {
  return Object.assign(new Error(`read ${code}`), { code });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "admin shutdown (a restart, pg_terminate_backend)",
      serverError("57P01", "terminating connection due to administrator command"),
    ],
    ["crash shutdown", serverError("57P02", "terminating connection because of crash of another server process")],
    ["cannot connect now", serverError("57P03", "the database system is starting up")],
    ["idle session timeout", serverError("57P05", "terminating connection due to idle-session timeout")],
    ["idle in transaction timeout", serverError("25P03", "terminating connection due to idle-in-transaction timeout")],
    ["too many connections", serverError("53300", "sorry, too many clients already")],
    ["connection failure (class 08)", serverError("08006", "connection failure")],
    ["protocol violation (class 08)", serverError("08P01", "protocol violation")],
    ["connection lost", new Error("Connection terminated unexpectedly")],
    ["a client that lost its connection", new Error("Client has encountered a connection error and is not queryable")],
    ["connection timeout", new Error("Connection terminated due to connection timeout")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["reset socket", socketError("ECONNRESET")],
    ["broken pipe", socketError("EPIPE")],
    ["refused connection", socketError("ECONNREFUSED")],
    ["dual-stack refusal", new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")])],
    ["unreachable server", new DependencyUnavailableError("PostgreSQL", "127.0.0.1:5432")],
    ["saturated pool", new DatabaseSaturatedError()],
  ])("%s is unavailable", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", serverError("23505", "duplicate key value violates unique constraint")],
    ["a serialization failure", serverError("40001", "could not serialize access")],
    ["a division by zero", serverError("22012", "division by zero")],
    ["an unknown relation", serverError("42P01", 'relation "x" does not exist')],
    ["a query cancelled by statement_timeout", serverError("57014", "canceling statement due to statement timeout")],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["another domain refusal", new DomainError("unavailable", "the campaign platform is unavailable")],
    ["a string", "Connection terminated unexpectedly"],
    ["nothing", undefined],
  ])("%s is not", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("keeps isUnreachableError to servers that did not answer at all", () => {
    expect(isUnreachableError(socketError("ECONNREFUSED"))).toBe(true);
    expect(isUnreachableError(serverError("57P01", "terminating connection due to administrator command"))).toBe(false);
  });
});
