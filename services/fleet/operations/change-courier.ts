import { create } from "@bufbuild/protobuf";
import { CourierStateChangedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Kysely } from "kysely";
import { type CourierFacts, courierState } from "../domain/index.js";
import { type CourierRow, type CourierUpdate, type FleetDatabase, updateCourier } from "../storage/index.js";
import { courierStates, toCourier } from "../wire/index.js";
import type { FleetContext } from "./fleet-context.js";

/** A change to a courier's facts; its state, idle time and version follow from them. */
export type CourierChange = Partial<
  Pick<CourierRow, "availability" | "flight" | "active" | "last_assigned_at" | "return_due_at" | "return_trace_parent">
>;

/**
 * Applies `change` to a courier in `trx`: derives the new state, keeps `idle_since` (set when the
 * courier becomes free at base and online, kept while it stays so), bumps the version and
 * publishes CourierStateChanged, so watchers see every change of state, availability or load.
 */
export async function changeCourier(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  before: CourierRow,
  change: CourierChange,
  reason: string,
): Promise<CourierRow> {
  const now = ctx.now();
  const facts: CourierFacts = { ...before, ...change };
  const state = courierState(facts);
  const idle = facts.active === 0 && facts.flight === null && facts.availability === "online";
  const wasIdle =
    before.active === 0 && before.flight === null && before.availability === "online" && before.idle_since !== null;
  const update: CourierUpdate = {
    ...change,
    state,
    idle_since: idle ? (wasIdle ? before.idle_since : now) : null,
    state_changed_at: state === before.state ? before.state_changed_at : now,
    updated_at: now,
  };
  const after = await updateCourier(trx, before.courier_id, update);
  await ctx.outbox.append(trx, {
    schema: CourierStateChangedSchema,
    payload: create(CourierStateChangedSchema, {
      courier: toCourier(after),
      fromState: courierStates[before.state],
      toState: courierStates[state],
      reason,
    }),
    aggregateId: after.courier_id,
    tenant: "",
  });
  return after;
}
