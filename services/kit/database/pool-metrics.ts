import { type BatchObservableCallback, type Meter, metrics, ValueType } from "@opentelemetry/api";

/** What the pool metrics read of a `pg.Pool` (pg-pool keeps these counts itself). */
export interface PoolCounts {
  /** Connections open or opening. */
  readonly totalCount: number;
  /** Connections open and free. */
  readonly idleCount: number;
  /** Requests waiting for a connection. */
  readonly waitingCount: number;
}

/** Options of {@link observePool}. */
export interface ObservePoolOptions {
  readonly pool: PoolCounts;
  /** `db.client.connection.pool.name`, unique within the process (e.g. `127.0.0.1:5432/waybill`). */
  readonly poolName: string;
  /** Where the instruments come from (default: the global API's `waybill` meter). */
  readonly meter?: Meter;
}

/**
 * Reports a pool's connections under the semantic conventions' names: `db.client.connection.count`
 * by `db.client.connection.state` (`used`, `idle`) and `db.client.connection.pending_requests`,
 * both with `db.client.connection.pool.name`. The conventions make them asynchronous
 * UpDownCounters (a sum that may fall; Prometheus shows a gauge). The counts are read from the
 * pool when a reader collects, so nothing runs without an exporter. Returns the function that
 * stops reporting (call it when the pool closes).
 *
 * @example
 * const stop = observePool({ pool, poolName: "127.0.0.1:5432/waybill" });
 */
export function observePool(options: ObservePoolOptions): () => void {
  const meter = options.meter ?? metrics.getMeter("waybill");
  const count = meter.createObservableUpDownCounter("db.client.connection.count", {
    description: "Connections of the PostgreSQL pool in the state db.client.connection.state describes",
    unit: "{connection}",
    valueType: ValueType.INT,
  });
  const pending = meter.createObservableUpDownCounter("db.client.connection.pending_requests", {
    description: "Requests waiting for a connection of the PostgreSQL pool (above 0: the pool is saturated)",
    unit: "{request}",
    valueType: ValueType.INT,
  });
  const pool = { "db.client.connection.pool.name": options.poolName };
  const observe: BatchObservableCallback = (result) => {
    const { totalCount, idleCount, waitingCount } = options.pool;
    result.observe(count, totalCount - idleCount, { ...pool, "db.client.connection.state": "used" });
    result.observe(count, idleCount, { ...pool, "db.client.connection.state": "idle" });
    result.observe(pending, waitingCount, pool);
  };
  meter.addBatchObservableCallback(observe, [count, pending]);
  return () => meter.removeBatchObservableCallback(observe, [count, pending]);
}
