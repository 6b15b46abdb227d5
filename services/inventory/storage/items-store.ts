import { type Expression, type Kysely, type Selectable, sql } from "kysely";
import type { ItemSort } from "../domain/index.js";
import type { InventoryDatabase, ItemsTable, StockLevelsTable } from "./inventory-database.js";
import { stockTime } from "./stock-time.js";

/**
 * An item joined with its stock level. `stock_time` is the time of the last ledger entry applied to
 * the level; before the item's first entry it is the level's creation time.
 */
export type ItemWithStock = Selectable<ItemsTable> &
  Pick<Selectable<StockLevelsTable>, "on_hand" | "reserved" | "ledger_sequence"> & { readonly stock_time: Date };

/** Where a page of a sorted item list resumes: after the row with these sort values. */
export interface ItemCursor {
  /** Value of the sort key (name, available units, creation time); absent for SKU sorts. */
  readonly value?: string | number | Date;
  readonly brandId: string;
  readonly sku: string;
}

/** Filters, sort and page of {@link listItems}. */
export interface ItemFilter {
  readonly brandId?: string;
  readonly query?: string;
  readonly lowStockOnly?: boolean;
  readonly sort: ItemSort;
  /** Resume after this row, exclusive. */
  readonly after?: ItemCursor;
  /** Rows to read at most. */
  readonly limit: number;
}

const itemColumns = [
  "i.brand_id",
  "i.sku",
  "i.name",
  "i.currency_code",
  "i.unit_price_minor",
  "i.low_stock_threshold",
  "i.created_at",
  "i.updated_at",
  "s.on_hand",
  "s.reserved",
  "s.ledger_sequence",
] as const;

/** Items with their levels and the time of each level's last ledger entry (see {@link stockTime}). */
function itemsWithStock(db: Kysely<InventoryDatabase>) {
  return db
    .selectFrom("items as i")
    .innerJoin("stock_levels as s", (join) => join.onRef("s.brand_id", "=", "i.brand_id").onRef("s.sku", "=", "i.sku"))
    .select(itemColumns)
    .select(stockTime().as("stock_time"));
}

/**
 * Inserts an item and its zero stock level. Returns `false` when the brand already has the SKU
 * (the caller decides what that means).
 */
export async function insertItem(
  db: Kysely<InventoryDatabase>,
  item: Pick<ItemsTable, "brand_id" | "sku" | "name" | "currency_code" | "unit_price_minor" | "low_stock_threshold">,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto("items")
    .values({ ...item, created_at: now, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning("sku")
    .executeTakeFirst();
  if (!inserted) return false;
  await db
    .insertInto("stock_levels")
    .values({
      brand_id: item.brand_id,
      sku: item.sku,
      on_hand: 0,
      reserved: 0,
      ledger_sequence: 0,
      low_alerted: false,
      out_alerted: false,
      updated_at: now,
    })
    .execute();
  return true;
}

/** Reads one item with its level, or `undefined`. */
export async function findItem(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
): Promise<ItemWithStock | undefined> {
  return itemsWithStock(db).where("i.brand_id", "=", brandId).where("i.sku", "=", sku).executeTakeFirst();
}

/** The columns an item list is ordered by, most significant first (always ending in a unique key). */
function sortExpressions(sort: ItemSort): Expression<unknown>[] {
  const brandSku = [sql.ref("i.brand_id"), sql.ref("i.sku")];
  switch (sort.key) {
    case "brand_sku":
      return brandSku;
    case "sku":
      return [sql.ref("i.sku"), sql.ref("i.brand_id")];
    case "name":
      return [sql.ref("i.name"), ...brandSku];
    case "available":
      return [sql`s.on_hand - s.reserved`, ...brandSku];
    case "created":
      return [sql.ref("i.created_at"), ...brandSku];
  }
}

/** The cursor's values in the order of {@link sortExpressions}. */
function cursorValues(sort: ItemSort, after: ItemCursor): unknown[] {
  if (sort.key === "brand_sku") return [after.brandId, after.sku];
  if (sort.key === "sku") return [after.sku, after.brandId];
  return [after.value, after.brandId, after.sku];
}

/**
 * Reads up to `limit` items in the requested order after a keyset cursor (a row-value comparison
 * on the sort columns).
 */
export async function listItems(db: Kysely<InventoryDatabase>, filter: ItemFilter): Promise<ItemWithStock[]> {
  const columns = sortExpressions(filter.sort);
  const direction = filter.sort.descending ? sql`desc` : sql`asc`;
  let query = itemsWithStock(db).limit(filter.limit);
  for (const column of columns) query = query.orderBy(sql`${column} ${direction}`);
  if (filter.brandId) query = query.where("i.brand_id", "=", filter.brandId);
  if (filter.query) {
    const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("i.sku", "ilike", pattern), eb("i.name", "ilike", pattern)]));
  }
  if (filter.lowStockOnly) query = query.where(sql<boolean>`s.on_hand - s.reserved <= i.low_stock_threshold`);
  if (filter.after) {
    const values = cursorValues(filter.sort, filter.after);
    const operator = filter.sort.descending ? sql`<` : sql`>`;
    query = query.where(sql<boolean>`(${sql.join(columns)}) ${operator} (${sql.join(values)})`);
  }
  return query.execute();
}

/** Changes the given fields of an item; returns false when it does not exist. */
export async function updateItem(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  changes: Partial<Pick<ItemsTable, "name" | "currency_code" | "unit_price_minor" | "low_stock_threshold">>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable("items")
    .set({ ...changes, updated_at: now })
    .where("brand_id", "=", brandId)
    .where("sku", "=", sku)
    .returning("sku")
    .executeTakeFirst();
  return updated !== undefined;
}
