import { type Kysely, sql } from "kysely";
import type { StockQuantity } from "../domain/index.js";
import type { InventoryDatabase } from "./inventory-database.js";
import type { ReservationRow } from "./reservation-store.js";
import { inventoryTable } from "./schema-table.js";
import type { ChangedLevel } from "./stock-store.js";

/** A hold to make in one statement (see {@link holdStockAtOnce}). */
export interface StockHold {
  readonly orderId: string;
  readonly brandId: string;
  /** One line per SKU (summed), in any order. */
  readonly lines: readonly StockQuantity[];
  readonly actor: string;
  /** When the hold expires unless confirmed. */
  readonly expireAt: Date;
  readonly now: Date;
  /** The `traceparent` of the request, kept with the hold (holds are batched: taken at submit). */
  readonly traceParent?: string | null;
  /** A snapshot is written for a level whose ledger sequence reaches a multiple of this. */
  readonly snapshotEvery: number;
}

/** What {@link holdStockAtOnce} did. */
export type StockHoldOutcome =
  /** Held: the new reservation and the level of each SKU after the hold, in SKU order. */
  | { readonly kind: "held"; readonly reservation: ReservationRow; readonly levels: readonly ChangedLevel[] }
  /** The order id already has a reservation (or a tombstone): nothing was changed. */
  | { readonly kind: "taken" }
  /** The brand has no item of these SKUs: nothing was changed. */
  | { readonly kind: "unknown"; readonly skus: readonly string[] }
  /** Not every SKU has enough available: nothing was changed; available units by SKU, locked. */
  | { readonly kind: "short"; readonly available: ReadonlyMap<string, number> };

interface HoldRow {
  readonly part: "verdict" | "claim" | "level";
  readonly known: boolean | null;
  readonly enough: boolean | null;
  readonly taken: boolean | null;
  readonly reservation: ReservationRow | null;
  readonly level: (Omit<ChangedLevel, "updated_at" | "changed_at"> & { updated_at: string }) | null;
  readonly available: Record<string, number> | null;
}

/**
 * Holds stock for an order in ONE statement (data-modifying CTEs), all lines or none. The caller
 * must have locked the levels in this transaction first (`lockLevelSet`, a statement of its
 * own): PostgreSQL runs every part of a statement on the snapshot taken when it began, and a
 * level changed by a transaction this one waited for would be judged on its new values but
 * updated from the old ones. Holding the locks before the statement begins, its snapshot is
 * current for those rows. It then decides whether every SKU is known and has enough available,
 * and only then claims the order id (a new HELD reservation priced from the items), moves the
 * units to reserved, appends the ledger entries and the snapshots due. An order id already taken
 * is reported before any refusal (a retry gets the first call's hold). A refusal changes
 * nothing and raises no error, so the statement may share a transaction with other holds (group
 * commit). Events are the caller's: they carry levels only known once this has run.
 *
 * Raw SQL on the hottest path of Waybill: with the lock, two round trips for what took two plus
 * one per SKU.
 */
export async function holdStockAtOnce(trx: Kysely<InventoryDatabase>, hold: StockHold): Promise<StockHoldOutcome> {
  const skus = hold.lines.map((line) => line.sku);
  const quantities = hold.lines.map((line) => line.quantity);
  const result = await sql<HoldRow>`
    with wanted as (
      select w.sku, w.quantity, w.ord from unnest(${skus}::text[], ${quantities}::bigint[]) with ordinality as w(sku, quantity, ord)
    ), locked as materialized (
      select s.sku, s.on_hand, s.reserved, w.quantity, w.ord, i.name, i.currency_code, i.unit_price_minor, i.low_stock_threshold
      from ${inventoryTable("stock_levels")} s
      join wanted w on w.sku = s.sku
      join ${inventoryTable("items")} i on i.brand_id = s.brand_id and i.sku = s.sku
      where s.brand_id = ${hold.brandId}
      order by s.sku collate "C"
      for update of s
    ), existing as (
      select 1 from ${inventoryTable("reservations")} where order_id = ${hold.orderId}
    ), verdict as (
      select count(*) = ${skus.length}::integer as known,
             coalesce(bool_and(on_hand - reserved >= quantity), false) as enough,
             jsonb_object_agg(sku, on_hand - reserved) filter (where sku is not null) as available,
             exists (select 1 from existing) as taken
      from locked
    ), claim as (
      insert into ${inventoryTable("reservations")} (order_id, brand_id, status, lines, expire_at, trace_parent, created_at, updated_at)
      select ${hold.orderId}, ${hold.brandId}, 'held',
             (select jsonb_agg(jsonb_build_object('sku', l.sku, 'name', l.name, 'quantity', l.quantity,
                'currency_code', l.currency_code, 'unit_price_minor', l.unit_price_minor) order by l.ord) from locked l),
             ${hold.expireAt}::timestamptz, ${hold.traceParent ?? null}::text, ${hold.now}::timestamptz, ${hold.now}::timestamptz
      from verdict where verdict.known and verdict.enough and not verdict.taken
      on conflict (order_id) do nothing
      returning *
    ), moved as (
      update ${inventoryTable("stock_levels")} s
      set reserved = s.reserved + l.quantity, ledger_sequence = s.ledger_sequence + 1,
          updated_at = greatest(date_trunc('milliseconds', s.updated_at), ${hold.now}::timestamptz)
      from locked l
      where s.brand_id = ${hold.brandId} and s.sku = l.sku and exists (select 1 from claim)
      returning s.brand_id, s.sku, s.on_hand, s.reserved, s.ledger_sequence, s.low_alerted, s.out_alerted, s.updated_at,
                l.low_stock_threshold, l.name, l.quantity
    ), ledger_rows as (
      insert into ${inventoryTable("ledger")}
        (brand_id, sku, sequence, delta_on_hand, delta_reserved, reason, reference, actor, idempotency_key, created_at)
      select brand_id, sku, ledger_sequence, 0, quantity, 'reserve', ${hold.orderId}, ${hold.actor}, ${hold.orderId}, updated_at
      from moved
    ), snapshot_rows as (
      insert into ${inventoryTable("stock_snapshots")} (brand_id, sku, sequence, on_hand, reserved, created_at)
      select brand_id, sku, ledger_sequence, on_hand, reserved, updated_at from moved
      where ledger_sequence % ${hold.snapshotEvery}::integer = 0
    )
    select 'verdict' as part, known, enough, taken, null::jsonb as reservation, null::jsonb as level, available from verdict
    union all
    select 'claim', null, null, null, to_jsonb(claim), null, null from claim
    union all
    select 'level', null, null, null, null, to_jsonb(moved), null from moved
  `.execute(trx);
  return outcomeOf(hold, result.rows);
}

function outcomeOf(hold: StockHold, rows: readonly HoldRow[]): StockHoldOutcome {
  const verdict = rows.find((row) => row.part === "verdict");
  const claim = rows.find((row) => row.part === "claim")?.reservation;
  if (claim) {
    const levels = rows
      .flatMap((row) => (row.part === "level" && row.level ? [toChangedLevel(row.level)] : []))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    return { kind: "held", reservation: toReservationRow(claim), levels };
  }
  // The order id is taken (by an earlier call, or a concurrent one that committed while this
  // one waited to claim it): that comes before whatever the stock says now.
  if (verdict?.taken || (verdict?.known && verdict.enough)) return { kind: "taken" };
  const available = new Map(Object.entries(verdict?.available ?? {}).map(([sku, units]) => [sku, Number(units)]));
  if (!verdict?.known)
    return { kind: "unknown", skus: hold.lines.map((l) => l.sku).filter((sku) => !available.has(sku)) };
  return { kind: "short", available };
}

/** A row read back through `to_jsonb`: timestamps arrive as text, bigints as numbers. */
function toChangedLevel(level: NonNullable<HoldRow["level"]>): ChangedLevel {
  const changedAt = new Date(level.updated_at);
  return { ...level, updated_at: changedAt, changed_at: changedAt } as ChangedLevel;
}

function toReservationRow(row: ReservationRow): ReservationRow {
  const raw = row as unknown as Record<string, unknown>;
  const time = (value: unknown) => (value === null || value === undefined ? null : new Date(String(value)));
  return {
    ...row,
    expire_at: time(raw.expire_at),
    created_at: time(raw.created_at) as Date,
    updated_at: time(raw.updated_at) as Date,
  };
}
