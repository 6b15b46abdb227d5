import { readBriefly } from "../../kit/database/index.js";
import { queueLengthsByZone, type ZoneQueueLength } from "../storage/queue-metrics.js";
import type { FleetContext } from "./fleet-context.js";

export type { ZoneQueueLength } from "../storage/queue-metrics.js";

/**
 * The length of every zone's queue, for metrics: one read-only statement that PostgreSQL cancels
 * after `timeoutMs`.
 */
export function readQueueLengths(ctx: Pick<FleetContext, "db">, timeoutMs: number): Promise<ZoneQueueLength[]> {
  return readBriefly(ctx.db, timeoutMs, queueLengthsByZone);
}
