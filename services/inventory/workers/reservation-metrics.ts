import type { Meter } from "@opentelemetry/api";
import { createSampledGaugeWorker, type Worker } from "../../kit/app/index.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { readHeldReservations } from "../operations/read-reservation-metrics.js";

/** Options of {@link createReservationMetrics}. */
export interface ReservationMetricsOptions {
  /** Where the gauge comes from (default: the global API's `waybill` meter, a no-op without an SDK). */
  readonly meter?: Meter;
  /** PostgreSQL's statement timeout for the read (default 500 ms). */
  readonly statementTimeoutMs?: number;
}

/**
 * `waybill.inventory.reservations.held` (gauge): reservations HELD for orders not yet confirmed,
 * read from the database when a metric reader collects (never otherwise). Every replica reports
 * the same count: aggregate replicas with `max`, not `sum`. Registered on start and removed on
 * stop.
 */
export function createReservationMetrics(
  ctx: Pick<InventoryContext, "db" | "logger">,
  options: ReservationMetricsOptions = {},
): Worker {
  const timeoutMs = options.statementTimeoutMs ?? 500;
  return createSampledGaugeWorker({
    name: "waybill.inventory.reservations.held",
    description: "Reservations holding stock for orders not yet confirmed (the same on every replica)",
    unit: "{reservation}",
    read: () => readHeldReservations(ctx, timeoutMs),
    what: "held reservations",
    logger: ctx.logger,
    report: (count, observe) => observe(count),
    ...(options.meter ? { meter: options.meter } : {}),
  });
}
