import type { Kysely } from "kysely";
import type { FleetDatabase } from "./fleet-database.js";

/** How many orders wait in one zone's queue. */
export interface ZoneQueueLength {
  readonly zone: string;
  readonly queued: number;
}

/**
 * Orders waiting for a courier in each zone (zones with none are left out). The partial index
 * `assignments_queue` (zone, queue_seq) holds exactly the queued rows, so this is one index-only
 * scan of the queues, whatever the size of the history.
 */
export function queueLengthsByZone(db: Kysely<FleetDatabase>): Promise<ZoneQueueLength[]> {
  return db
    .selectFrom("assignments")
    .select((eb) => ["zone", eb.fn.countAll<number>().as("queued")])
    .where("status", "=", "queued")
    .groupBy("zone")
    .execute();
}
