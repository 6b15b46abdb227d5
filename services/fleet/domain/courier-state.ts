/** Drone or rider. */
export type CourierKindName = "drone" | "rider";

/** What a courier has asked for with SetCourierAvailability. */
export type AvailabilityName = "online" | "offline" | "maintenance";

/** A drone's place in its flight cycle; none while it is at base without an order. */
export type FlightPhase = "reserved" | "loaded" | "en_route" | "returning";

/** What a courier is doing, as the contract's `CourierState` names it. */
export type CourierStateName =
  | "offline"
  | "ready"
  | "reserved"
  | "loaded"
  | "en_route"
  | "returning"
  | "maintenance"
  | "busy";

/** The facts a courier's state is derived from. */
export interface CourierFacts {
  readonly kind: CourierKindName;
  readonly availability: AvailabilityName;
  readonly flight: FlightPhase | null;
  readonly active: number;
  readonly capacity: number;
}

/**
 * The state of a courier. A drone in flight shows its phase whatever its availability (it
 * finishes the flight first); otherwise an offline or maintenance courier shows that; an online
 * drone at base is READY, an online rider READY below its capacity and BUSY at it.
 *
 * @example
 * courierState({ kind: "rider", availability: "online", flight: null, active: 3, capacity: 3 }); // "busy"
 */
export function courierState(facts: CourierFacts): CourierStateName {
  if (facts.kind === "drone" && facts.flight) return facts.flight;
  if (facts.availability !== "online") return facts.availability;
  return facts.active < facts.capacity ? "ready" : "busy";
}

/** True when the courier may be given an order now. */
export function takesOrders(facts: CourierFacts): boolean {
  return courierState(facts) === "ready";
}
