import { type Kysely, sql } from "kysely";
import type { FleetDatabase } from "./fleet-database.js";

/**
 * Serializes every change to the couriers and assignments of one zone, until `trx` ends. Every
 * Fleet transaction takes its zone's lock before touching rows, so the least-loaded choice and
 * the FIFO queue are exact across replicas, and no two transactions wait on each other's rows in
 * opposite orders. Zones are independent of each other.
 */
export async function lockZone(trx: Kysely<FleetDatabase>, zone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`waybill.fleet.zone:${zone}`}, 0))`.execute(trx);
}
