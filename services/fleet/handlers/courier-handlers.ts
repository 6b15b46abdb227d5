import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  CourierAvailability,
  type FleetService,
  GetCourierResponseSchema,
  ListCouriersResponseSchema,
  RegisterCourierRequestSchema,
  RegisterCourierResponseSchema,
  SetCourierAvailabilityRequestSchema,
  SetCourierAvailabilityResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { type Principal, requirePrincipal } from "../../kit/auth/index.js";
import { notFound, permissionDenied } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { storedName } from "../../kit/wire/index.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { availabilities, courierKinds, courierStates, toCourier } from "../operations/fleet-messages.js";
import { registerCourier } from "../operations/register-courier.js";
import { setAvailability } from "../operations/set-availability.js";
import { findCourier, listCouriers } from "../storage/index.js";

/** A courier principal may act only as itself. */
export function assertSelf(principal: Principal, courierId: string): void {
  if (principal.role === "courier" && principal.subject !== courierId) {
    throw permissionDenied(`courier ${principal.subject} may not act for courier ${courierId}`);
  }
}

/** RegisterCourier, SetCourierAvailability, GetCourier and ListCouriers. */
export function createCourierHandlers(
  ctx: FleetContext,
): Pick<
  ServiceImpl<typeof FleetService>,
  "registerCourier" | "setCourierAvailability" | "getCourier" | "listCouriers"
> {
  const { db } = ctx;
  return {
    async registerCourier(request) {
      const scope = "RegisterCourier";
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: RegisterCourierRequestSchema, request },
          RegisterCourierResponseSchema,
          async () => {
            const courier = await registerCourier(trx, ctx, {
              courierId: request.courierId || randomUUID(),
              kind: storedName(courierKinds, request.kind)!,
              name: request.name,
              zone: request.zone,
              capacity: request.capacity,
              availability: storedName(availabilities, request.availability)!,
            });
            return create(RegisterCourierResponseSchema, { courier: toCourier(courier) });
          },
        ),
      );
    },

    async setCourierAvailability(request, context) {
      const principal = requirePrincipal(context);
      assertSelf(principal, request.courierId);
      if (principal.role === "courier" && request.availability === CourierAvailability.MAINTENANCE) {
        throw permissionDenied("a courier may set itself ONLINE or OFFLINE only - maintenance is set by an admin");
      }
      const scope = `SetCourierAvailability/${request.courierId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: SetCourierAvailabilityRequestSchema, request },
          SetCourierAvailabilityResponseSchema,
          async () => {
            const courier = await setAvailability(
              trx,
              ctx,
              request.courierId,
              storedName(availabilities, request.availability)!,
              request.reason,
            );
            return create(SetCourierAvailabilityResponseSchema, { courier: toCourier(courier) });
          },
        ),
      );
    },

    async getCourier(request, context) {
      assertSelf(requirePrincipal(context), request.courierId);
      const courier = await findCourier(db, request.courierId);
      if (!courier) throw notFound(`courier ${request.courierId} does not exist`);
      return create(GetCourierResponseSchema, { courier: toCourier(courier) });
    },

    async listCouriers(request) {
      const limit = pageSize(request.page?.pageSize);
      const filters = {
        zone: request.zone,
        kind: storedName(courierKinds, request.kind),
        states: request.states.map((state) => storedName(courierStates, state)!),
      };
      const scope = JSON.stringify(filters);
      const after = decodeCursor(request.page?.pageToken ?? "", ["zone", "name", "id"], scope);
      const rows = await listCouriers(db, {
        ...filters,
        zone: filters.zone || undefined,
        after: after && { zone: after.zone, name: after.name, courierId: after.id },
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextPageToken =
        rows.length > limit && last
          ? encodeCursor({ zone: last.zone, name: last.name, id: last.courier_id }, scope)
          : "";
      return create(ListCouriersResponseSchema, { couriers: page.map(toCourier), page: { nextPageToken } });
    },
  };
}
