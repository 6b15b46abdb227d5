import { CourierAvailability, CourierKind, CourierState } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requiredStoredName, storedName } from "../../kit/wire/index.js";
import type { AvailabilityName, CourierKindName, CourierStateName } from "../domain/index.js";

/** The contract's courier kinds by stored name. */
export const courierKinds: Readonly<Record<CourierKindName, CourierKind>> = {
  drone: CourierKind.DRONE,
  rider: CourierKind.RIDER,
};

/** The contract's availabilities by stored name. */
export const availabilities: Readonly<Record<AvailabilityName, CourierAvailability>> = {
  online: CourierAvailability.ONLINE,
  offline: CourierAvailability.OFFLINE,
  maintenance: CourierAvailability.MAINTENANCE,
};

/** The contract's courier states by stored name. */
export const courierStates: Readonly<Record<CourierStateName, CourierState>> = {
  offline: CourierState.OFFLINE,
  ready: CourierState.READY,
  reserved: CourierState.RESERVED,
  loaded: CourierState.LOADED,
  en_route: CourierState.EN_ROUTE,
  returning: CourierState.RETURNING,
  maintenance: CourierState.MAINTENANCE,
  busy: CourierState.BUSY,
};

/** A kind filter: undefined (both kinds) for UNSPECIFIED. */
export function courierKindFilter(kind: CourierKind): CourierKindName | undefined {
  return storedName(courierKinds, kind);
}

/** The kind a request must set. */
export function courierKindName(kind: CourierKind): CourierKindName {
  return requiredStoredName(courierKinds, kind, "kind");
}

/** The availability a request must set. */
export function availabilityName(availability: CourierAvailability): AvailabilityName {
  return requiredStoredName(availabilities, availability, "availability");
}

/** A states filter (empty: every state). */
export function courierStateNames(states: readonly CourierState[]): CourierStateName[] {
  return states.map((state) => requiredStoredName(courierStates, state, "states"));
}
