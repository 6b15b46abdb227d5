import { type Migration, type RawBuilder, sql } from "kysely";
import type { AnyDatabase } from "../database/index.js";

/**
 * Migration adding `outbox_wakeup`, one row saying whether a relay of the schema is idle and
 * wants a NOTIFY when an event is written (see {@link outboxWakeupSql}). Runs after the outbox's
 * own migrations; the row starts as "waiting", so a relay that never ran is woken as before.
 */
export const outboxWakeupMigration: Migration = {
  async up(db) {
    await sql`create table outbox_wakeup (
      singleton boolean primary key default true check (singleton),
      relay_waiting boolean not null default true)`.execute(db);
    await sql`insert into outbox_wakeup default values`.execute(db);
  },
  async down(db) {
    await sql`drop table outbox_wakeup`.execute(db);
  },
};

/**
 * The expression a statement writing outbox rows selects: it sends the relay's NOTIFY (delivered
 * on commit) only while a relay of the schema says it is idle. PostgreSQL serializes the commits
 * of all transactions that NOTIFY, WAL flush included, with one lock per database; under load
 * the relays are busy polling and no writer pays for it.
 */
export function outboxWakeupSql(schema: string, channel: string): RawBuilder<unknown> {
  return sql`(select count(pg_notify(${channel}, '')) from ${sql.table(`${schema}.outbox_wakeup`)} where relay_waiting)`;
}

/** Records whether a relay of `schema` is idle (writers NOTIFY) or busy (they need not). */
export async function setRelayWaiting(db: AnyDatabase, schema: string, waiting: boolean): Promise<void> {
  await sql`update ${sql.table(`${schema}.outbox_wakeup`)} set relay_waiting = ${waiting} where relay_waiting <> ${waiting}`.execute(
    db,
  );
}
