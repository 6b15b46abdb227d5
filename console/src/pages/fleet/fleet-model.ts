import { type Timestamp, timestampMs } from "@bufbuild/protobuf/wkt";
import { type Assignment, AssignmentStatus, type Courier, CourierKind, CourierState } from "@waybill/sdk/fleet";
import type { FlightTimes } from "./flight-position.js";

/** One zone as the fleet page shows it: its couriers, its FIFO queue and the deliveries under way. */
export interface ZoneView {
  readonly zone: string;
  /** Drones first, then riders, each by name. */
  readonly couriers: readonly Courier[];
  /** Orders waiting for a courier, next first. */
  readonly queue: readonly Assignment[];
  /** Orders with a courier: assigned, picked up, en route or recalled. */
  readonly active: readonly Assignment[];
}

/** The statuses of a delivery not yet over: what the page lists (finished ones are history). */
export const openStatuses: readonly AssignmentStatus[] = [
  AssignmentStatus.QUEUED,
  AssignmentStatus.ASSIGNED,
  AssignmentStatus.PICKED_UP,
  AssignmentStatus.EN_ROUTE,
  AssignmentStatus.RECALLED,
];

/** Milliseconds since the epoch of a timestamp, or undefined when it is unset. */
export function millisOf(time: Timestamp | undefined): number | undefined {
  return time ? timestampMs(time) : undefined;
}

/**
 * The couriers after one WatchFleet message: a courier's state only moves forward (its version), so
 * a message older than what is shown is dropped. Returns the same map when nothing changed.
 */
export function mergeCourier(couriers: ReadonlyMap<string, Courier>, courier: Courier): ReadonlyMap<string, Courier> {
  const shown = couriers.get(courier.courierId);
  if (shown && shown.version >= courier.version) return couriers;
  return new Map(couriers).set(courier.courierId, courier);
}

/** Every zone that has a courier or a delivery, by name, with its couriers, queue and deliveries. */
export function zonesOf(couriers: Iterable<Courier>, assignments: readonly Assignment[]): readonly ZoneView[] {
  const zones = new Map<string, { couriers: Courier[]; queue: Assignment[]; active: Assignment[] }>();
  const zone = (name: string) => {
    const found = zones.get(name) ?? { couriers: [], queue: [], active: [] };
    zones.set(name, found);
    return found;
  };
  for (const courier of couriers) zone(courier.zone).couriers.push(courier);
  for (const assignment of assignments) {
    if (assignment.status === AssignmentStatus.QUEUED) zone(assignment.zone).queue.push(assignment);
    else if (openStatuses.includes(assignment.status)) zone(assignment.zone).active.push(assignment);
  }
  return [...zones.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, found]) => ({
      zone: name,
      couriers: found.couriers.sort(
        (a, b) => a.kind - b.kind || a.name.localeCompare(b.name) || a.courierId.localeCompare(b.courierId),
      ),
      queue: found.queue.sort((a, b) => Number(a.queuePosition - b.queuePosition)),
      active: found.active,
    }));
}

/** One-way travel time of a flight, when its take-off (pick-up) and expected arrival are known. */
export function travelMsOf(assignment: Assignment | undefined): number | undefined {
  const pickup = millisOf(assignment?.pickupTime);
  const arrival = millisOf(assignment?.estimatedArrivalTime);
  return pickup !== undefined && arrival !== undefined ? arrival - pickup : undefined;
}

/**
 * The times of a drone's flight, from its state (WatchFleet) and the delivery it carries or last
 * carried (ListAssignments): flying out it left when its state became EN_ROUTE and arrives at the
 * delivery's ETA; flying back it turned when its state became RETURNING, from the point reached on
 * that delivery. Without the delivery, the zone's travel time (`zoneTravelMs`) stands in for it.
 */
export function droneFlightTimes(
  drone: Courier,
  delivery: Assignment | undefined,
  zoneTravelMs: number | undefined,
): FlightTimes {
  const changed = millisOf(drone.stateChangeTime);
  const travel = travelMsOf(delivery) ?? zoneTravelMs;
  if (drone.state === CourierState.EN_ROUTE) {
    const arriveMs =
      millisOf(delivery?.estimatedArrivalTime) ??
      (changed !== undefined && travel !== undefined ? changed + travel : undefined);
    return { leg: "outbound", departMs: changed, arriveMs };
  }
  if (drone.state === CourierState.RETURNING) {
    if (delivery?.pickupTime && delivery.estimatedArrivalTime) {
      return {
        leg: "returning",
        departMs: millisOf(delivery.pickupTime),
        arriveMs: millisOf(delivery.estimatedArrivalTime),
        turnMs: changed,
      };
    }
    // Not known which flight it comes back from: taken as a delivery, turned at the customer.
    if (changed === undefined || travel === undefined) return { leg: "returning", turnMs: changed };
    return { leg: "returning", departMs: changed - travel, arriveMs: changed, turnMs: changed };
  }
  return { leg: "ground" };
}

/** Whether a courier is a drone. */
export function isDrone(courier: Courier): boolean {
  return courier.kind === CourierKind.DRONE;
}

/** What the page remembers of flights that left the list of open deliveries (delivered, returned). */
export interface FlightMemory {
  /** The latest delivery each courier carried, by courier id. */
  readonly byCourier: ReadonlyMap<string, Assignment>;
  /** The latest one-way travel time seen in each zone. */
  readonly travelByZone: ReadonlyMap<string, number>;
}

/** Nothing remembered yet. */
export const emptyFlightMemory: FlightMemory = { byCourier: new Map(), travelByZone: new Map() };

/** The memory after a new read of the open deliveries: each courier's latest, each zone's travel time. */
export function rememberFlights(memory: FlightMemory, assignments: readonly Assignment[]): FlightMemory {
  const byCourier = new Map(memory.byCourier);
  const travelByZone = new Map(memory.travelByZone);
  for (const assignment of assignments) {
    if (!assignment.courierId) continue;
    const known = byCourier.get(assignment.courierId);
    if (!known || (millisOf(known.updateTime) ?? 0) <= (millisOf(assignment.updateTime) ?? 0)) {
      // A later read of the same delivery without its times (never happens today) keeps the earlier times.
      byCourier.set(assignment.courierId, assignment);
    }
    const travel = travelMsOf(assignment);
    if (travel !== undefined) travelByZone.set(assignment.zone, travel);
  }
  return { byCourier, travelByZone };
}

/** The delivery a drone carries now, or else the last one it carried (to place its flight back). */
export function deliveryOf(
  drone: Courier,
  assignments: readonly Assignment[],
  memory: FlightMemory,
): Assignment | undefined {
  return (
    assignments.find((a) => a.courierId === drone.courierId && a.status !== AssignmentStatus.QUEUED) ??
    memory.byCourier.get(drone.courierId)
  );
}
