import { type Kysely, sql, type Transaction } from "kysely";

/**
 * Runs `read` in a read-only transaction whose statements PostgreSQL cancels after `timeoutMs`
 * (`statement_timeout`, local to the transaction), for reads that must never weigh on the
 * database, such as the queries behind metrics. A cancelled statement rejects with SQLSTATE 57014.
 *
 * @example
 * const held = await readBriefly(db, 500, (trx) => trx.selectFrom("reservations").select(...).executeTakeFirstOrThrow());
 */
export function readBriefly<DB, T>(
  db: Kysely<DB>,
  timeoutMs: number,
  read: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      await sql`select set_config('statement_timeout', ${String(Math.max(1, Math.round(timeoutMs)))}, true)`.execute(
        trx,
      );
      return read(trx);
    });
}
