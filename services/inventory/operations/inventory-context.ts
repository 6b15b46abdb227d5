import type { ReservationChanged, StockChanged } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { EventFeed, Outbox } from "../../kit/events/index.js";
import type { InventoryDatabase } from "../storage/index.js";
import type { StockHolds } from "./reserve-stock.js";

/** What inventory operations need, built once per service instance (in `index.ts`). */
export interface InventoryContext {
  readonly db: Kysely<InventoryDatabase>;
  /** The inventory schema's outbox: events are written in the transaction of their change. */
  readonly outbox: Outbox;
  /** The service's clock: the time of every ledger entry, level, hold and expiry. */
  readonly now: () => Date;
  readonly logger: Logger;
  /** A snapshot every this many ledger entries of an item (`STOCK_SNAPSHOT_EVERY`). */
  readonly snapshotEvery: number;
  /** Lifetime of an unconfirmed hold (`RESERVATION_TTL_MS`). */
  readonly reservationTtlMs: number;
  /** The process's live level changes (StockChanged, ReservationChanged) of every replica, shared by WatchStock calls. */
  readonly stockFeed: EventFeed<StockChanged | ReservationChanged>;
  /** ReserveStock's group commit (`RESERVE_BATCH_MAX` holds per transaction at most). */
  readonly holds: StockHolds;
  /** Aborted at shutdown: WatchStock streams end on it. */
  readonly shutdownSignal: AbortSignal;
}

/** What a change of stock needs: the database, the outbox, the clock and the snapshot interval. */
export type StockContext = Pick<InventoryContext, "db" | "outbox" | "now" | "snapshotEvery">;
