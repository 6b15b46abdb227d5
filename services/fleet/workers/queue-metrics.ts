import { type Meter, metrics, type ObservableCallback, ValueType } from "@opentelemetry/api";
import type { Worker } from "../../kit/app/index.js";
import { createSampledReading } from "../../kit/database/index.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { readQueueLengths } from "../operations/read-queue-metrics.js";

/** Options of {@link createQueueMetrics}. */
export interface QueueMetricsOptions {
  /** Where the gauge comes from (default: the global API's `waybill` meter, a no-op without an SDK). */
  readonly meter?: Meter;
  /** PostgreSQL's statement timeout for the read (default 500 ms). */
  readonly statementTimeoutMs?: number;
}

/**
 * `waybill.fleet.queue.length` (gauge, `zone`): orders waiting for a courier in each zone, read
 * from the database when a metric reader collects (never otherwise). The queues live in the
 * database, so every replica reports the same lengths: aggregate replicas with `max`, not `sum`.
 * A zone seen once and emptied since reports 0 rather than vanishing. Registered on start and
 * removed on stop.
 */
export function createQueueMetrics(
  ctx: Pick<FleetContext, "db" | "logger">,
  options: QueueMetricsOptions = {},
): Worker {
  const timeoutMs = options.statementTimeoutMs ?? 500;
  const lengths = createSampledReading({
    read: () => readQueueLengths(ctx, timeoutMs),
    logger: ctx.logger,
    what: "the zone queues",
  });
  // Zones come from orders, so the set is not bounded: a zone is reported while it has a queue,
  // and once more as 0 when it empties, then forgotten (no series per zone ever named).
  let lastZones = new Set<string>();
  const observe: ObservableCallback = async (result) => {
    const rows = await lengths();
    if (rows === undefined) return;
    const current = new Map(rows.map((row) => [row.zone, row.queued]));
    for (const [zone, queued] of current) result.observe(queued, { zone });
    for (const zone of lastZones) if (!current.has(zone)) result.observe(0, { zone });
    lastZones = new Set(current.keys());
  };
  let stop: (() => void) | undefined;
  return {
    async start() {
      const gauge = (options.meter ?? metrics.getMeter("waybill")).createObservableGauge("waybill.fleet.queue.length", {
        description: "Orders waiting in a zone's queue for a free courier (the same on every replica)",
        unit: "{order}",
        valueType: ValueType.INT,
      });
      gauge.addCallback(observe);
      stop = () => gauge.removeCallback(observe);
    },
    async stop() {
      stop?.();
      stop = undefined;
      await lengths.settled();
    },
  };
}
