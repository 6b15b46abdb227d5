import { DomainError } from "../errors/index.js";

/**
 * Thrown when every pooled connection stayed busy for the whole connection timeout: the server is
 * up but this process cannot get a connection. Callers see `UNAVAILABLE` with this message;
 * consumers hold their message as through an outage (see {@link isDatabaseUnavailable}).
 *
 * @example
 * throw new DatabaseSaturatedError();
 */
export class DatabaseSaturatedError extends DomainError {
  constructor() {
    super("unavailable", "the database is saturated - retry shortly");
  }
}
