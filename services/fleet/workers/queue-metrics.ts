import type { Meter } from "@opentelemetry/api";
import { createSampledGaugeWorker, type Worker } from "../../kit/app/index.js";
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
 * A zone that empties reports 0 once, then is no longer reported. Registered on start and removed
 * on stop.
 */
export function createQueueMetrics(
  ctx: Pick<FleetContext, "db" | "logger">,
  options: QueueMetricsOptions = {},
): Worker {
  const timeoutMs = options.statementTimeoutMs ?? 500;
  // Zones come from orders, so the set is not bounded: a zone is reported while it has a queue,
  // and once more as 0 when it empties, then forgotten (no series per zone ever named).
  let lastZones = new Set<string>();
  return createSampledGaugeWorker({
    name: "waybill.fleet.queue.length",
    description: "Orders waiting in a zone's queue for a free courier (the same on every replica)",
    unit: "{order}",
    read: () => readQueueLengths(ctx, timeoutMs),
    what: "the zone queues",
    logger: ctx.logger,
    report: (rows, observe) => {
      const current = new Map(rows.map((row) => [row.zone, row.queued]));
      for (const [zone, queued] of current) observe(queued, { zone });
      for (const zone of lastZones) if (!current.has(zone)) observe(0, { zone });
      lastZones = new Set(current.keys());
    },
    ...(options.meter ? { meter: options.meter } : {}),
  });
}
