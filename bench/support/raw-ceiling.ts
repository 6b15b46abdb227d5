import { randomUUID } from "node:crypto";
import pg from "pg";
import { inTransaction } from "./sql-transaction.js";

/** The raw order transaction, driven straight at PostgreSQL with no service in between. */
export interface RawCeiling {
  /** Creates the scratch schema with `skus` items of `stock` units each. */
  setup(skus: readonly string[], stock: number): Promise<void>;
  /** One order: conditional holds on each SKU (in SKU order), the order, its lines, an outbox row. */
  placeOrder(skus: readonly string[]): Promise<void>;
  /** Drops the scratch schema and closes the pool. */
  close(): Promise<void>;
}

const schema = "bench_ceiling";

/**
 * The ceiling the PlaceOrder benchmark compares against: the smallest transaction that places an
 * order correctly (no overselling, the order and its lines recorded, an event in an outbox), as
 * TOOLCHAIN.md measured it with pgbench. Each statement is its own round trip, like pgbench's.
 */
export function createRawCeiling(databaseUrl: string, poolSize: number): RawCeiling {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  return {
    async setup(skus, stock) {
      await pool.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
      await pool.query(`create table ${schema}.stock (sku text primary key, on_hand bigint not null, reserved bigint not null default 0,
        check (on_hand - reserved >= 0))`);
      await pool.query(`create table ${schema}.orders (id uuid primary key, customer_id uuid not null, total bigint not null,
        created_at timestamptz not null default now())`);
      await pool.query(`create table ${schema}.order_lines (order_id uuid not null references ${schema}.orders(id), line int not null,
        sku text not null, quantity bigint not null, unit_price bigint not null, primary key (order_id, line))`);
      await pool.query(`create table ${schema}.outbox (id uuid primary key, seq bigserial, payload bytea not null,
        created_at timestamptz not null default now(), published_at timestamptz)`);
      await pool.query(`insert into ${schema}.stock (sku, on_hand) select unnest($1::text[]), $2`, [skus, stock]);
    },
    async placeOrder(skus) {
      await inTransaction(pool, async (client) => {
        for (const sku of [...skus].sort()) {
          const held = await client.query(
            `update ${schema}.stock set reserved = reserved + 1 where sku = $1 and on_hand - reserved >= 1`,
            [sku],
          );
          if (held.rowCount !== 1) throw new Error(`${sku} is sold out`);
        }
        const orderId = randomUUID();
        await client.query(`insert into ${schema}.orders (id, customer_id, total) values ($1, $2, $3)`, [
          orderId,
          randomUUID(),
          100 * skus.length,
        ]);
        await client.query(
          `insert into ${schema}.order_lines (order_id, line, sku, quantity, unit_price) select $1, l, s, 1, 100 from unnest($2::text[]) with ordinality as t(s, l)`,
          [orderId, skus],
        );
        await client.query(`insert into ${schema}.outbox (id, payload) values ($1, $2)`, [
          randomUUID(),
          Buffer.alloc(200),
        ]);
      });
    },
    async close() {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
}
