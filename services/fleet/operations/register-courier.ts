import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { CourierRegisteredSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import {
  type RegisterCourierRequest,
  RegisterCourierRequestSchema,
  type RegisterCourierResponse,
  RegisterCourierResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Kysely } from "kysely";
import { alreadyExists } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { type AvailabilityName, type CourierKindName, courierState } from "../domain/index.js";
import { type CourierRow, type FleetDatabase, insertCourier, lockZone, requireCourier } from "../storage/index.js";
import { toCourier } from "../wire/index.js";
import type { FleetContext } from "./fleet-context.js";
import type { IdempotentCall } from "./idempotent-call.js";
import { matchZone } from "./match-zone.js";

/** A courier to add to the fleet. */
export interface NewCourier {
  /** The id to give it; a new UUID when undefined. */
  readonly courierId: string | undefined;
  readonly kind: CourierKindName;
  readonly name: string;
  readonly zone: string;
  readonly capacity: number;
  readonly availability: AvailabilityName;
}

/**
 * RegisterCourier: adds a courier and publishes CourierRegistered; an online courier starts on its
 * zone's queue at once. ALREADY_EXISTS when the id is taken. Idempotent on the client's key.
 */
export async function registerCourier(
  ctx: FleetContext,
  courier: NewCourier,
  call: IdempotentCall<RegisterCourierRequest>,
): Promise<RegisterCourierResponse> {
  return idempotentTransaction(
    ctx.db,
    { scope: "RegisterCourier", key: call.key, requestSchema: RegisterCourierRequestSchema, request: call.request },
    RegisterCourierResponseSchema,
    async (trx) => {
      const registered = await addCourier(trx, ctx, { ...courier, courierId: courier.courierId ?? randomUUID() });
      return create(RegisterCourierResponseSchema, { courier: toCourier(registered) });
    },
  );
}

async function addCourier(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  courier: NewCourier & { readonly courierId: string },
): Promise<CourierRow> {
  await lockZone(trx, courier.zone);
  const now = ctx.now();
  const facts = {
    kind: courier.kind,
    availability: courier.availability,
    flight: null,
    active: 0,
    capacity: courier.capacity,
  };
  const inserted = await insertCourier(trx, {
    courier_id: courier.courierId,
    kind: courier.kind,
    name: courier.name,
    zone: courier.zone,
    capacity: courier.capacity,
    availability: courier.availability,
    flight: null,
    state: courierState(facts),
    active: 0,
    idle_since: courier.availability === "online" ? now : null,
    last_assigned_at: null,
    return_due_at: null,
    state_changed_at: now,
    created_at: now,
    updated_at: now,
  });
  if (!inserted) throw alreadyExists(`courier ${courier.courierId} already exists`);
  await ctx.outbox.append(trx, {
    schema: CourierRegisteredSchema,
    payload: create(CourierRegisteredSchema, { courier: toCourier(inserted) }),
    aggregateId: inserted.courier_id,
    tenant: "",
  });
  if (courier.availability !== "online") return inserted;
  // An online courier may have been given queued orders just now.
  const made = await matchZone(trx, ctx, courier.zone);
  return made.length > 0 ? requireCourier(trx, courier.courierId) : inserted;
}
