import { type RawBuilder, sql } from "kysely";

/**
 * PostgreSQL's clock when the statement starts, for a check that must hold at the moment the
 * statement runs rather than when its caller prepared it (a process may freeze in between), such
 * as "record the order only before its stock hold expires". Services take every time they write
 * from their injected clock; this only compares.
 *
 * @example
 * sql`update placements set state = 'settled' where ${statementTime} < ${recordBefore}::timestamptz`
 */
export const statementTime: RawBuilder<Date> = sql<Date>`statement_timestamp()`;
