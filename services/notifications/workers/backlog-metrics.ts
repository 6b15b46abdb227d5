import { type Meter, metrics, type ObservableCallback, ValueType } from "@opentelemetry/api";
import type { Worker } from "../../kit/app/index.js";
import { createSampledReading } from "../../kit/database/index.js";
import { type ChannelName, openStatuses } from "../domain/index.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { readBacklog } from "../operations/read-backlog-metrics.js";

/** Options of {@link createBacklogMetrics}. */
export interface BacklogMetricsOptions {
  /** Where the gauge comes from (default: the global API's `waybill` meter, a no-op without an SDK). */
  readonly meter?: Meter;
  /** PostgreSQL's statement timeout for the read (default 500 ms). */
  readonly statementTimeoutMs?: number;
}

/** Every channel, so that an empty backlog reports 0 instead of nothing. */
const channels: readonly ChannelName[] = ["email", "webhook"];

/**
 * `waybill.notifications.backlog` (gauge, `channel`, `status`): notifications still to be sent,
 * PENDING or RETRYING, read from the database when a metric reader collects (never otherwise);
 * every channel and open status is reported, 0 included. SENT and DEAD are history, not backlog
 * (`NotificationDead` events count the dead). Every replica reports the same backlog: aggregate
 * replicas with `max`, not `sum`. Registered on start and removed on stop.
 */
export function createBacklogMetrics(
  ctx: Pick<NotificationsContext, "db" | "logger">,
  options: BacklogMetricsOptions = {},
): Worker {
  const timeoutMs = options.statementTimeoutMs ?? 500;
  const backlog = createSampledReading({
    read: () => readBacklog(ctx, timeoutMs),
    logger: ctx.logger,
    what: "the notification backlog",
  });
  const observe: ObservableCallback = async (result) => {
    const rows = await backlog();
    if (rows === undefined) return;
    for (const channel of channels) {
      for (const status of openStatuses) {
        const count = rows.find((row) => row.channel === channel && row.status === status)?.count ?? 0;
        result.observe(count, { channel, status });
      }
    }
  };
  let stop: (() => void) | undefined;
  return {
    async start() {
      const meter = options.meter ?? metrics.getMeter("waybill");
      const gauge = meter.createObservableGauge("waybill.notifications.backlog", {
        description: "Notifications still to be sent, by channel and status (the same on every replica)",
        unit: "{notification}",
        valueType: ValueType.INT,
      });
      gauge.addCallback(observe);
      stop = () => gauge.removeCallback(observe);
    },
    async stop() {
      stop?.();
      stop = undefined;
      await backlog.settled();
    },
  };
}
