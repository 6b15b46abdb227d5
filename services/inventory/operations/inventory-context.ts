import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { EventOutbox } from "../storage/event-outbox.js";
import type { InventoryDatabase } from "../storage/inventory-database.js";

/** What inventory operations need, built once per service instance. */
export interface InventoryContext {
  readonly db: Kysely<InventoryDatabase>;
  readonly events: EventOutbox;
  /** A snapshot every this many ledger entries of an item (`STOCK_SNAPSHOT_EVERY`). */
  readonly snapshotEvery: number;
  /** Lifetime of an unconfirmed hold (`RESERVATION_TTL_MS`). */
  readonly reservationTtlMs: number;
  readonly logger: Logger;
}
