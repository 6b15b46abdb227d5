import { randomUUID } from "node:crypto";
import pg from "pg";
import { inTransaction } from "./sql-transaction.js";

/** The raw assignment transaction, driven straight at PostgreSQL with no service in between. */
export interface AssignmentCeiling {
  /** Creates the scratch schema with `couriers` couriers of `capacity`, one per zone in turn. */
  setup(zones: readonly string[], couriers: number, capacity: number): Promise<void>;
  /** One ready order of `zone` assigned to the zone's least-loaded courier; throws when none is free. */
  assign(zone: string): Promise<void>;
  /** Drops the scratch schema and closes the pool. */
  close(): Promise<void>;
}

const schema = "bench_assign_ceiling";

/**
 * The ceiling the assignment benchmark compares against: the smallest transaction that assigns a
 * ready order correctly (serialized per zone, so the least-loaded choice is exact; the order
 * recorded, the courier's load raised within its capacity, an OrderAssigned row in an outbox),
 * one statement per round trip. It has no inbox (the assignment's primary key already makes a
 * repeat harmless) and one outbox row, where Fleet also announces the courier's new load.
 */
export function createAssignmentCeiling(databaseUrl: string, poolSize: number): AssignmentCeiling {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  return {
    async setup(zones, couriers, capacity) {
      await pool.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
      await pool.query(`create table ${schema}.couriers (courier_id uuid primary key, zone text not null, capacity int not null,
        active int not null default 0, last_assigned_at timestamptz, check (active between 0 and capacity))`);
      await pool.query(`create index on ${schema}.couriers (zone)`);
      await pool.query(`create table ${schema}.assignments (order_id uuid primary key, zone text not null, status text not null,
        courier_id uuid references ${schema}.couriers(courier_id), queue_seq bigserial, created_at timestamptz not null default now(),
        assigned_at timestamptz)`);
      await pool.query(`create table ${schema}.outbox (id uuid primary key, seq bigserial, payload bytea not null,
        created_at timestamptz not null default now(), published_at timestamptz)`);
      await pool.query(
        `insert into ${schema}.couriers (courier_id, zone, capacity) select gen_random_uuid(), ($1::text[])[1 + i % cardinality($1::text[])], $2 from generate_series(0, $3 - 1) i`,
        [zones, capacity, couriers],
      );
    },
    async assign(zone) {
      await inTransaction(pool, async (client) => {
        await client.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`bench.zone:${zone}`]);
        const orderId = randomUUID();
        await client.query(`insert into ${schema}.assignments (order_id, zone, status) values ($1, $2, 'queued')`, [
          orderId,
          zone,
        ]);
        const free = await client.query<{ courier_id: string }>(
          `select courier_id from ${schema}.couriers where zone = $1 and active < capacity order by active, last_assigned_at nulls first, courier_id limit 1`,
          [zone],
        );
        const courierId = free.rows[0]?.courier_id;
        if (!courierId) throw new Error(`no courier free in ${zone}`);
        await client.query(
          `update ${schema}.couriers set active = active + 1, last_assigned_at = now() where courier_id = $1`,
          [courierId],
        );
        await client.query(
          `update ${schema}.assignments set status = 'assigned', courier_id = $2, assigned_at = now() where order_id = $1`,
          [orderId, courierId],
        );
        await client.query(`insert into ${schema}.outbox (id, payload) values ($1, $2)`, [
          randomUUID(),
          Buffer.alloc(300),
        ]);
      });
    },
    async close() {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
}
