import type { Kysely } from "kysely";
import type { InventoryDatabase } from "./inventory-database.js";

/**
 * How many reservations are HELD (stock held for orders not yet confirmed). The partial index
 * `reservations_expiring` holds exactly those rows, so this is one index-only scan of the holds,
 * whatever the number of past reservations.
 */
export async function countHeldReservations(db: Kysely<InventoryDatabase>): Promise<number> {
  const { held } = await db
    .selectFrom("reservations")
    .select((eb) => eb.fn.countAll<number>().as("held"))
    .where("status", "=", "held")
    .executeTakeFirstOrThrow();
  return held;
}
