import { create } from "@bufbuild/protobuf";
import {
  type SetCourierAvailabilityRequest,
  SetCourierAvailabilityRequestSchema,
  type SetCourierAvailabilityResponse,
  SetCourierAvailabilityResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Kysely } from "kysely";
import { notFound } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import type { AvailabilityName } from "../domain/index.js";
import {
  type AssignmentRow,
  assignmentsOfCourier,
  type CourierRow,
  type FleetDatabase,
  findCourier,
  lockZone,
  requireCourier,
  updateAssignment,
} from "../storage/index.js";
import { toCourier } from "../wire/index.js";
import { changeCourier } from "./change-courier.js";
import type { FleetContext } from "./fleet-context.js";
import type { IdempotentCall } from "./idempotent-call.js";
import { announceQueued, matchZone } from "./match-zone.js";

/** The availability a courier asks for, and why. */
export interface AvailabilityChange {
  readonly courierId: string;
  readonly availability: AvailabilityName;
  readonly reason: string;
}

/**
 * SetCourierAvailability. Going offline or into maintenance, the courier takes no new orders and
 * gives back the orders it has not picked up yet: they return to the zone's queue at their old
 * place (ahead of newer orders) and go to another courier at once when one is free (OrderAssigned
 * names the previous courier), or wait (OrderQueued). Orders already picked up stay with it.
 * Coming online, it takes orders from the queue. Setting the current availability again changes
 * nothing. Idempotent on the client's key, per courier.
 */
export async function setCourierAvailability(
  ctx: FleetContext,
  change: AvailabilityChange,
  call: IdempotentCall<SetCourierAvailabilityRequest>,
): Promise<SetCourierAvailabilityResponse> {
  const scope = `SetCourierAvailability/${change.courierId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: call.key, requestSchema: SetCourierAvailabilityRequestSchema, request: call.request },
    SetCourierAvailabilityResponseSchema,
    async (trx) => {
      const courier = await applyAvailability(trx, ctx, change);
      return create(SetCourierAvailabilityResponseSchema, { courier: toCourier(courier) });
    },
  );
}

async function applyAvailability(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  { courierId, availability, reason }: AvailabilityChange,
): Promise<CourierRow> {
  const current = await findCourier(trx, courierId);
  if (!current) throw notFound(`courier ${courierId} does not exist`);
  await lockZone(trx, current.zone);
  const courier = await requireCourier(trx, courierId, { lock: true });
  if (courier.availability === availability) return courier;

  const assigned = availability === "online" ? [] : await assignmentsOfCourier(trx, courierId, ["assigned"]);
  const now = ctx.now();
  const handedBack: AssignmentRow[] = [];
  for (const assignment of assigned) {
    handedBack.push(
      await updateAssignment(trx, assignment.order_id, {
        status: "queued",
        previous_courier_id: courierId,
        courier_id: null,
        courier_kind: null,
        assigned_at: null,
        next_step: null,
        due_at: null,
        updated_at: now,
      }),
    );
  }
  const released = handedBack.length > 0 && courier.kind === "drone" ? { flight: null } : {};
  const label = reason ? `${availability} - ${reason}` : availability;
  const after = await changeCourier(
    trx,
    ctx,
    courier,
    { availability, active: courier.active - handedBack.length, ...released },
    label,
  );
  const made = new Set((await matchZone(trx, ctx, courier.zone)).map((assignment) => assignment.order_id));
  for (const row of handedBack) if (!made.has(row.order_id)) await announceQueued(trx, ctx, row);
  // Coming online, the courier may have been given orders from the queue just now.
  return availability === "online" && made.size > 0 ? requireCourier(trx, courierId) : after;
}
