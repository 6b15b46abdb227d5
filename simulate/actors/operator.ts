import { CourierAvailability } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { ActorContext } from "./actor-context.js";

/**
 * The operator looks over the fleet (admin token) and brings back online any simulated courier
 * someone took off (from the console, say), so the traffic keeps flowing; skipped when all are online.
 */
export async function fleetCheck(context: ActorContext): Promise<void> {
  const { tally, clients, world } = context;
  const ours = new Set([...world.fleet.riderIds, ...world.fleet.droneIds]);
  const listed = await tally.lookUp("fleet-check", () => clients.admin.fleet.listCouriers({ page: { pageSize: 200 } }));
  if (!listed) return;
  const away = listed.couriers.find(
    (courier) => ours.has(courier.courierId) && courier.availability !== CourierAvailability.ONLINE,
  );
  if (!away) return tally.skip("fleet-check");
  await tally.attempt("fleet-check", () =>
    clients.admin.fleet.setCourierAvailability({
      courierId: away.courierId,
      availability: CourierAvailability.ONLINE,
      reason: "back from a break",
    }),
  );
}
