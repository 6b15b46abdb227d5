import { type Kysely, type Migration, sql } from "kysely";

/**
 * The `return` ledger entries of an order, by order id: every return (ReturnStock, a returned
 * line, an aborted delivery) sums them under the reservation's lock, and without this index that
 * sum read the whole ledger of each SKU (the primary key leads with brand and SKU, not reference).
 * A reference is the order id, followed by ` (<note>)` when the return came by event; partial, so
 * the far more numerous reserve, release and commit entries stay out of it.
 */
export const ledgerReturnsByOrder: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index ledger_returns_by_order on ledger (split_part(reference, ' ', 1)) where reason = 'return'`.execute(
      db,
    );
  },
};
