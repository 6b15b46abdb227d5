import { notFound } from "../../kit/errors/index.js";
import { type CourierRow, findCourier } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** GetCourier: one courier; NOT_FOUND when there is none with the id. */
export async function getCourier(ctx: FleetContext, courierId: string): Promise<CourierRow> {
  const courier = await findCourier(ctx.db, courierId);
  if (!courier) throw notFound(`courier ${courierId} does not exist`);
  return courier;
}
