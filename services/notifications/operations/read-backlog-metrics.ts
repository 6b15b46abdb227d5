import { readBriefly } from "../../kit/database/index.js";
import { type BacklogCount, countBacklog } from "../storage/backlog-metrics.js";
import type { NotificationsContext } from "./notifications-context.js";

export type { BacklogCount } from "../storage/backlog-metrics.js";

/**
 * The notifications still to be sent by channel and status, for metrics: one read-only statement
 * that PostgreSQL cancels after `timeoutMs`.
 */
export function readBacklog(ctx: Pick<NotificationsContext, "db">, timeoutMs: number): Promise<BacklogCount[]> {
  return readBriefly(ctx.db, timeoutMs, countBacklog);
}
