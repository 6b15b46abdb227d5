import type { Meter } from "@opentelemetry/api";
import { createSampledGaugeWorker, type Worker } from "../../kit/app/index.js";
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
  return createSampledGaugeWorker({
    name: "waybill.notifications.backlog",
    description: "Notifications still to be sent, by channel and status (the same on every replica)",
    unit: "{notification}",
    read: () => readBacklog(ctx, timeoutMs),
    what: "the notification backlog",
    logger: ctx.logger,
    report: (rows, observe) => {
      for (const channel of channels) {
        for (const status of openStatuses) {
          observe(rows.find((row) => row.channel === channel && row.status === status)?.count ?? 0, {
            channel,
            status,
          });
        }
      }
    },
    ...(options.meter ? { meter: options.meter } : {}),
  });
}
