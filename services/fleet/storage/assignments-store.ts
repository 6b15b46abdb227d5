import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { AssignmentStatusName } from "../domain/index.js";
import type { AssignmentsTable, FleetDatabase } from "./fleet-database.js";

/** An assignment as stored. */
export type AssignmentRow = Selectable<AssignmentsTable>;

/** What an assignment update may change. */
export type AssignmentUpdate = Partial<
  Omit<
    AssignmentRow,
    "order_id" | "brand_id" | "customer_id" | "zone" | "delivery_address" | "queue_seq" | "created_at"
  >
>;

/** Inserts the assignment of an order; undefined when the order already has one. */
export async function insertAssignment(
  trx: Kysely<FleetDatabase>,
  row: Insertable<AssignmentsTable>,
): Promise<AssignmentRow | undefined> {
  return trx
    .insertInto("assignments")
    .values(row)
    .onConflict((oc) => oc.column("order_id").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The assignment of an order, row-locked with `lock` (the caller holds its zone's lock first). */
export async function findAssignment(
  db: Kysely<FleetDatabase>,
  orderId: string,
  options: { readonly lock?: boolean } = {},
): Promise<AssignmentRow | undefined> {
  let query = db.selectFrom("assignments").selectAll().where("order_id", "=", orderId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The zone of an order's assignment, read without locks (to know which zone lock to take). */
export async function assignmentZone(db: Kysely<FleetDatabase>, orderId: string): Promise<string | undefined> {
  const row = await db.selectFrom("assignments").select("zone").where("order_id", "=", orderId).executeTakeFirst();
  return row?.zone;
}

/** The zone's queue, first in first out. */
export async function queuedInZone(trx: Kysely<FleetDatabase>, zone: string, limit: number): Promise<AssignmentRow[]> {
  return trx
    .selectFrom("assignments")
    .selectAll()
    .where("zone", "=", zone)
    .where("status", "=", "queued")
    .orderBy("queue_seq")
    .limit(limit)
    .execute();
}

/** A courier's assignments in `statuses`. */
export async function assignmentsOfCourier(
  trx: Kysely<FleetDatabase>,
  courierId: string,
  statuses: readonly AssignmentStatusName[],
): Promise<AssignmentRow[]> {
  return trx
    .selectFrom("assignments")
    .selectAll()
    .where("courier_id", "=", courierId)
    .where("status", "in", statuses)
    .orderBy("queue_seq")
    .execute();
}

/** Applies `update`; returns the assignment after it. */
export async function updateAssignment(
  trx: Kysely<FleetDatabase>,
  orderId: string,
  update: AssignmentUpdate,
): Promise<AssignmentRow> {
  return trx
    .updateTable("assignments")
    .set(update)
    .where("order_id", "=", orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A flight step due: whose, where, which, and the trace it continues. */
export type DueStep = Pick<AssignmentRow, "order_id" | "zone" | "next_step" | "trace_parent">;

/** Flight steps due now, oldest first. */
export async function dueSteps(db: Kysely<FleetDatabase>, now: Date, limit: number): Promise<DueStep[]> {
  return db
    .selectFrom("assignments")
    .select(["order_id", "zone", "next_step", "trace_parent"])
    .where("due_at", "<=", now)
    .orderBy("due_at")
    .limit(limit)
    .execute();
}

/** The position of a queued assignment in its zone's queue, 1 being next; 0 when it is not queued. */
export async function queuePosition(
  db: Kysely<FleetDatabase>,
  row: Pick<AssignmentRow, "status" | "zone" | "queue_seq">,
): Promise<number> {
  if (row.status !== "queued") return 0;
  const counted = await db
    .selectFrom("assignments")
    .select(sql<number>`count(*)`.as("ahead"))
    .where("zone", "=", row.zone)
    .where("status", "=", "queued")
    .where("queue_seq", "<=", row.queue_seq)
    .executeTakeFirstOrThrow();
  return counted.ahead;
}

/** Filters and position of an assignment list page. */
export interface AssignmentListQuery {
  readonly courierId?: string;
  readonly zone?: string;
  readonly statuses: readonly AssignmentStatusName[];
  /** Continue after this (created_at, order_id). */
  readonly after?: { readonly createdAt: Date; readonly orderId: string };
  readonly limit: number;
}

/** Assignments oldest first, each with its queue position (0 unless queued). */
export async function listAssignments(
  db: Kysely<FleetDatabase>,
  query: AssignmentListQuery,
): Promise<(AssignmentRow & { queue_position: number })[]> {
  let select = db
    .selectFrom("assignments as a")
    .selectAll("a")
    .select((eb) =>
      eb
        .case()
        .when("a.status", "=", "queued")
        .then(
          eb
            .selectFrom("assignments as q")
            .select(sql<number>`count(*)`.as("ahead"))
            .whereRef("q.zone", "=", "a.zone")
            .where("q.status", "=", "queued")
            .whereRef("q.queue_seq", "<=", "a.queue_seq"),
        )
        .else(sql<number>`0`)
        .end()
        .as("queue_position"),
    );
  if (query.courierId) select = select.where("a.courier_id", "=", query.courierId);
  if (query.zone) select = select.where("a.zone", "=", query.zone);
  if (query.statuses.length > 0) select = select.where("a.status", "in", query.statuses);
  if (query.after) {
    const { createdAt, orderId } = query.after;
    select = select.where((eb) => eb(eb.refTuple("a.created_at", "a.order_id"), ">", eb.tuple(createdAt, orderId)));
  }
  const rows = await select.orderBy("a.created_at").orderBy("a.order_id").limit(query.limit).execute();
  return rows.map((row) => ({ ...row, queue_position: Number(row.queue_position ?? 0) }));
}
