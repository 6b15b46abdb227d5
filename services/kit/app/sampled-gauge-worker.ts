import { type Attributes, type Meter, metrics, type ObservableResult, ValueType } from "@opentelemetry/api";
import type { Logger } from "pino";
import { createSampledReading } from "../database/sampled-reading.js";
import type { Worker } from "./service-definition.js";

/** Options of {@link createSampledGaugeWorker}. */
export interface SampledGaugeWorkerOptions<T> {
  /** The instrument's name, e.g. `waybill.fleet.queue.length`. */
  readonly name: string;
  readonly description: string;
  /** UCUM unit, e.g. `{order}`. */
  readonly unit: string;
  /** One brief read (a statement with a timeout): what the gauge reports from. */
  readonly read: () => Promise<T>;
  /** What is read, for the debug line of a failed or late read. */
  readonly what: string;
  readonly logger: Logger;
  /** Turns a read into points: `observe(value, attributes)` once per series. */
  readonly report: (value: T, observe: (value: number, attributes?: Attributes) => void) => void;
  /** Where the gauge comes from (default: the global API's `waybill` meter, a no-op without an SDK). */
  readonly meter?: Meter;
}

/**
 * A whole-number gauge read from the database when a metric reader collects (never otherwise,
 * at most one read in flight, a failed or late read skipping the points), as a service worker:
 * registered on start, removed on stop, which also waits for a read in flight.
 *
 * @example
 * createSampledGaugeWorker({ name: "waybill.inventory.reservations.held", description, unit: "{reservation}",
 *   read: () => readHeldReservations(ctx, 500), what: "held reservations", logger,
 *   report: (count, observe) => observe(count) });
 */
export function createSampledGaugeWorker<T>(options: SampledGaugeWorkerOptions<T>): Worker {
  const reading = createSampledReading({ read: options.read, logger: options.logger, what: options.what });
  const observe = async (result: ObservableResult) => {
    const value = await reading();
    if (value !== undefined) options.report(value, (point, attributes) => result.observe(point, attributes));
  };
  let stop: (() => void) | undefined;
  return {
    async start() {
      const gauge = (options.meter ?? metrics.getMeter("waybill")).createObservableGauge(options.name, {
        description: options.description,
        unit: options.unit,
        valueType: ValueType.INT,
      });
      gauge.addCallback(observe);
      stop = () => gauge.removeCallback(observe);
    },
    async stop() {
      stop?.();
      stop = undefined;
      await reading.settled();
    },
  };
}
