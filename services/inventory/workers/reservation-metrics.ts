import { type Meter, metrics, type ObservableCallback, ValueType } from "@opentelemetry/api";
import type { Worker } from "../../kit/app/index.js";
import { createSampledReading } from "../../kit/database/index.js";
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
  const held = createSampledReading({
    read: () => readHeldReservations(ctx, timeoutMs),
    logger: ctx.logger,
    what: "held reservations",
  });
  const observe: ObservableCallback = async (result) => {
    const count = await held();
    if (count !== undefined) result.observe(count);
  };
  let stop: (() => void) | undefined;
  return {
    async start() {
      const meter = options.meter ?? metrics.getMeter("waybill");
      const gauge = meter.createObservableGauge("waybill.inventory.reservations.held", {
        description: "Reservations holding stock for orders not yet confirmed (the same on every replica)",
        unit: "{reservation}",
        valueType: ValueType.INT,
      });
      gauge.addCallback(observe);
      stop = () => gauge.removeCallback(observe);
    },
    async stop() {
      stop?.();
      stop = undefined;
      await held.settled();
    },
  };
}
