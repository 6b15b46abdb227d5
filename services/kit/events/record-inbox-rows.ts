import type { Transaction } from "kysely";
import { eventTables } from "./event-tables.js";

/** Whether an event's inbox row was new, i.e. the event was not handled before. */
export type IsNewEvent = (eventId: string) => boolean;

/**
 * Inserts `(consumer, event id)` into the inbox of `schema` for each id, in one statement, and
 * tells which rows are new: the others were handled before (a redelivery) and must be skipped.
 * Ids are inserted once each and in sorted order, so two transactions inserting overlapping ids
 * (a redelivery racing the slow first delivery) wait on each other in the same order and cannot
 * deadlock; the later one finds the rows once the first commits.
 *
 * @example
 * const isNew = await recordInboxRows(trx, "fleet", "fleet-orders", [event.id]);
 * if (isNew(event.id)) await handle(trx);
 */
export async function recordInboxRows<DB>(
  trx: Transaction<DB>,
  schema: string,
  consumer: string,
  eventIds: readonly string[],
): Promise<IsNewEvent> {
  // PostgreSQL writes a uuid in lower case; envelopes may carry upper case.
  const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))].sort();
  if (ids.length === 0) return () => false;
  const rows = await eventTables(trx, schema)
    .insertInto("inbox")
    .values(ids.map((id) => ({ consumer, event_id: id })))
    .onConflict((conflict) => conflict.doNothing())
    .returning("event_id")
    .execute();
  const fresh = new Set(rows.map((row) => row.event_id.toLowerCase()));
  return (eventId) => fresh.has(eventId.toLowerCase());
}
