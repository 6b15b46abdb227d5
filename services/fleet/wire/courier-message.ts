import { create } from "@bufbuild/protobuf";
import { type Courier, CourierSchema } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { CourierRow } from "../storage/index.js";
import { availabilities, courierKinds, courierStates } from "./courier-names.js";

/** A courier row as the contract's Courier; `idle_since` shows only while it holds no order. */
export function toCourier(row: CourierRow): Courier {
  return create(CourierSchema, {
    courierId: row.courier_id,
    kind: courierKinds[row.kind],
    name: row.name,
    zone: row.zone,
    capacity: row.capacity,
    availability: availabilities[row.availability],
    state: courierStates[row.state],
    activeAssignments: row.active,
    idleSince: row.active === 0 ? optionalTimestamp(row.idle_since) : undefined,
    stateChangeTime: optionalTimestamp(row.state_changed_at),
    createTime: optionalTimestamp(row.created_at),
    updateTime: optionalTimestamp(row.updated_at),
    version: BigInt(row.version),
  });
}
