import { type Kysely, type Migration, sql } from "kysely";

const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

/**
 * Couriers and the assignment of each order. The database itself keeps the invariants the code
 * relies on: one assignment row per order (the primary key), a courier never above its capacity
 * or below zero active orders, an active assignment always naming a courier, a queued one never.
 * Due times of drone flight steps are columns, so whichever replica is alive picks them up.
 */
export const couriersAndAssignments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("couriers")
      .addColumn("courier_id", "uuid", (col) => col.primaryKey())
      .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in (${list(["drone", "rider"])})`))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("zone", "text", (col) => col.notNull())
      .addColumn("capacity", "integer", (col) => col.notNull().check(sql`capacity >= 1`))
      .addColumn("availability", "text", (col) =>
        col.notNull().check(sql`availability in (${list(["online", "offline", "maintenance"])})`),
      )
      // A drone's place in its flight cycle; null at base (and always for riders).
      .addColumn("flight", "text", (col) =>
        col.check(sql`flight in (${list(["reserved", "loaded", "en_route", "returning"])})`),
      )
      .addColumn("state", "text", (col) => col.notNull())
      .addColumn("active", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("idle_since", "timestamptz")
      .addColumn("last_assigned_at", "timestamptz")
      .addColumn("return_due_at", "timestamptz")
      .addColumn("version", "bigint", (col) => col.notNull().defaultTo(1))
      .addColumn("state_changed_at", "timestamptz", (col) => col.notNull())
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .addCheckConstraint("couriers_active_within_capacity", sql`active >= 0 and active <= capacity`)
      .addCheckConstraint("couriers_drone_carries_one", sql`kind <> 'drone' or capacity = 1`)
      .execute();
    await db.schema.createIndex("couriers_by_zone").on("couriers").columns(["zone", "name", "courier_id"]).execute();
    await db.schema
      .createIndex("couriers_returning")
      .on("couriers")
      .column("return_due_at")
      .where(sql.ref("return_due_at"), "is not", null)
      .execute();

    await db.schema
      .createTable("assignments")
      .addColumn("order_id", "uuid", (col) => col.primaryKey())
      .addColumn("brand_id", "text", (col) => col.notNull())
      .addColumn("customer_id", "text", (col) => col.notNull())
      .addColumn("zone", "text", (col) => col.notNull())
      .addColumn("delivery_address", "jsonb", (col) => col.notNull())
      .addColumn("status", "text", (col) =>
        col
          .notNull()
          .check(
            sql`status in (${list(["queued", "assigned", "picked_up", "en_route", "delivered", "recalled", "returned", "cancelled"])})`,
          ),
      )
      .addColumn("courier_id", "uuid", (col) => col.references("couriers.courier_id"))
      .addColumn("courier_kind", "text")
      .addColumn("previous_courier_id", "uuid")
      // FIFO order within the zone's queue; a requeued order keeps its place.
      .addColumn("queue_seq", "bigserial", (col) => col.notNull())
      .addColumn("attempt", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("end_reason", "text", (col) => col.notNull().defaultTo(""))
      .addColumn("next_step", "text", (col) =>
        col.check(sql`next_step in (${list(["load", "depart", "arrive", "land"])})`),
      )
      .addColumn("due_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (col) => col.notNull())
      .addColumn("assigned_at", "timestamptz")
      .addColumn("picked_up_at", "timestamptz")
      .addColumn("estimated_arrival_at", "timestamptz")
      .addColumn("delivered_at", "timestamptz")
      .addColumn("ended_at", "timestamptz")
      .addColumn("updated_at", "timestamptz", (col) => col.notNull())
      .addCheckConstraint(
        "assignments_courier_matches_status",
        sql`(status in ('queued') and courier_id is null) or (status in ('assigned', 'picked_up', 'en_route', 'recalled') and courier_id is not null) or status in ('delivered', 'returned', 'cancelled')`,
      )
      .addCheckConstraint("assignments_step_has_due_time", sql`(next_step is null) = (due_at is null)`)
      .execute();
    await db.schema
      .createIndex("assignments_queue")
      .on("assignments")
      .columns(["zone", "queue_seq"])
      .where(sql.ref("status"), "=", "queued")
      .execute();
    await db.schema
      .createIndex("assignments_due")
      .on("assignments")
      .column("due_at")
      .where(sql.ref("due_at"), "is not", null)
      .execute();
    await db.schema
      .createIndex("assignments_by_courier")
      .on("assignments")
      .columns(["courier_id", "created_at", "order_id"])
      .execute();
    await db.schema.createIndex("assignments_by_time").on("assignments").columns(["created_at", "order_id"]).execute();
  },
};
