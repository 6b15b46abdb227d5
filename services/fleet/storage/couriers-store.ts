import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { CourierKindName, CourierStateName } from "../domain/index.js";
import type { CouriersTable, FleetDatabase } from "./fleet-database.js";

/** A courier as stored. */
export type CourierRow = Selectable<CouriersTable>;

/** What a courier update may change (the version is bumped by {@link updateCourier}). */
export type CourierUpdate = Partial<
  Omit<CourierRow, "courier_id" | "kind" | "zone" | "capacity" | "created_at" | "version">
>;

/** Inserts a courier; undefined when its id is taken. */
export async function insertCourier(
  trx: Kysely<FleetDatabase>,
  row: Insertable<CouriersTable>,
): Promise<CourierRow | undefined> {
  return trx
    .insertInto("couriers")
    .values(row)
    .onConflict((oc) => oc.column("courier_id").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** One courier, row-locked with `lock` (the caller holds its zone's lock first). */
export async function findCourier(
  db: Kysely<FleetDatabase>,
  courierId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CourierRow | undefined> {
  let query = db.selectFrom("couriers").selectAll().where("courier_id", "=", courierId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * A courier that must exist: the caller holds its zone's lock and has seen it, or it is named by
 * an assignment. Couriers are never deleted, so a missing one is a defect, reported as such.
 */
export async function requireCourier(
  db: Kysely<FleetDatabase>,
  courierId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CourierRow> {
  const row = await findCourier(db, courierId, options);
  if (!row) throw new Error(`courier ${courierId} is missing although its zone is locked - couriers are never deleted`);
  return row;
}

/** The couriers of a zone that may be given an order now. */
export async function readyCouriers(trx: Kysely<FleetDatabase>, zone: string): Promise<CourierRow[]> {
  return trx.selectFrom("couriers").selectAll().where("zone", "=", zone).where("state", "=", "ready").execute();
}

/** Applies `update` and bumps the version; returns the courier after it. */
export async function updateCourier(
  trx: Kysely<FleetDatabase>,
  courierId: string,
  update: CourierUpdate,
): Promise<CourierRow> {
  return trx
    .updateTable("couriers")
    .set({ ...update, version: sql<number>`version + 1` })
    .where("courier_id", "=", courierId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Drones due back at base after a delivery, oldest first, with the trace their landing continues. */
export async function dueReturns(
  db: Kysely<FleetDatabase>,
  now: Date,
  limit: number,
): Promise<Pick<CourierRow, "courier_id" | "zone" | "return_trace_parent">[]> {
  return db
    .selectFrom("couriers")
    .select(["courier_id", "zone", "return_trace_parent"])
    .where("return_due_at", "<=", now)
    .orderBy("return_due_at")
    .limit(limit)
    .execute();
}

/** Filters and position of a courier list page. */
export interface CourierListQuery {
  readonly zone?: string;
  readonly kind?: CourierKindName;
  readonly states: readonly CourierStateName[];
  readonly ids?: readonly string[];
  /** Continue after this (zone, name, id). */
  readonly after?: { readonly zone: string; readonly name: string; readonly courierId: string };
  readonly limit: number;
}

/** Couriers ordered by zone, name and id. */
export async function listCouriers(db: Kysely<FleetDatabase>, query: CourierListQuery): Promise<CourierRow[]> {
  let select = db.selectFrom("couriers").selectAll();
  if (query.zone) select = select.where("zone", "=", query.zone);
  if (query.kind) select = select.where("kind", "=", query.kind);
  if (query.states.length > 0) select = select.where("state", "in", query.states);
  if (query.ids && query.ids.length > 0) select = select.where("courier_id", "in", query.ids);
  if (query.after) {
    const { zone, name, courierId } = query.after;
    select = select.where((eb) => eb(eb.refTuple("zone", "name", "courier_id"), ">", eb.tuple(zone, name, courierId)));
  }
  return select.orderBy("zone").orderBy("name").orderBy("courier_id").limit(query.limit).execute();
}
