import { readBriefly } from "../../kit/database/index.js";
import { countHeldReservations } from "../storage/reservation-metrics.js";
import type { InventoryContext } from "./inventory-context.js";

/** How many reservations are HELD, for metrics: one read-only statement cancelled after `timeoutMs`. */
export function readHeldReservations(ctx: Pick<InventoryContext, "db">, timeoutMs: number): Promise<number> {
  return readBriefly(ctx.db, timeoutMs, countHeldReservations);
}
