import { Code, ConnectError } from "@connectrpc/connect";
import { CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Waybill } from "@waybill/sdk";
import { nameBasedUuid } from "../load/workload.js";

/** The simulated couriers: riders (who report through RPCs) and drones (which Fleet flies). */
export interface Fleet {
  readonly zones: readonly string[];
  readonly riderIds: readonly string[];
  readonly droneIds: readonly string[];
}

/** Zones orders go to, and couriers in each. */
export const fleetShape = { zones: ["north", "south"], riders: 2, riderCapacity: 3, drones: 1 } as const;

/** The fixed id of a simulated courier, so every run finds the same fleet. */
export function simCourierId(zone: string, kind: "rider" | "drone", index: number): string {
  return nameBasedUuid(`waybill-simulate/${zone}/${kind}/${index}`);
}

/**
 * Registers the riders and drones of every zone (fixed ids and idempotency keys: a repeat finds
 * them, ALREADY_EXISTS) and brings each online, in case an earlier run or an operator took it off.
 */
export async function setUpFleet(admin: Waybill, timeoutMs: number): Promise<Fleet> {
  const riderIds: string[] = [];
  const droneIds: string[] = [];
  for (const zone of fleetShape.zones) {
    const couriers = [
      ...Array.from({ length: fleetShape.riders }, (_, index) => ({ kind: "rider" as const, index })),
      ...Array.from({ length: fleetShape.drones }, (_, index) => ({ kind: "drone" as const, index })),
    ];
    for (const { kind, index } of couriers) {
      const courierId = simCourierId(zone, kind, index);
      await register(admin, timeoutMs, {
        courierId,
        kind: kind === "rider" ? CourierKind.RIDER : CourierKind.DRONE,
        name: `${kind === "rider" ? "Rider" : "Drone"} ${zone} ${index + 1}`,
        zone,
        capacity: kind === "rider" ? fleetShape.riderCapacity : 1,
      });
      (kind === "rider" ? riderIds : droneIds).push(courierId);
    }
  }
  return { zones: fleetShape.zones, riderIds, droneIds };
}

async function register(
  admin: Waybill,
  timeoutMs: number,
  courier: { courierId: string; kind: CourierKind; name: string; zone: string; capacity: number },
): Promise<void> {
  try {
    await admin.fleet.registerCourier(
      {
        ...courier,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: `simulate-courier-${courier.courierId}`,
      },
      { timeoutMs },
    );
  } catch (error) {
    if (!(error instanceof ConnectError && error.code === Code.AlreadyExists)) throw error;
    await admin.fleet.setCourierAvailability(
      { courierId: courier.courierId, availability: CourierAvailability.ONLINE },
      { timeoutMs },
    );
  }
}

/**
 * Takes the simulated riders offline when a run ends: nobody drives them between runs, and an
 * online rider would be given the orders of anyone else using Waybill meanwhile. Orders they hold
 * stay theirs until the next run reports them; drones fly by themselves and stay online.
 */
export async function takeRidersOffline(admin: Waybill, fleet: Fleet, timeoutMs: number): Promise<void> {
  for (const courierId of fleet.riderIds) {
    await admin.fleet
      .setCourierAvailability({ courierId, availability: CourierAvailability.OFFLINE }, { timeoutMs })
      .catch(() => undefined);
  }
}
