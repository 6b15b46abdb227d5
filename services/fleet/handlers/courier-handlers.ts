import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type FleetService,
  GetCourierResponseSchema,
  ListCouriersResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { assertActsAsItself, assertAvailabilitySetter } from "../domain/index.js";
import {
  type FleetContext,
  getCourier,
  listCouriersPage,
  registerCourier,
  setCourierAvailability,
} from "../operations/index.js";
import { availabilityName, courierKindFilter, courierKindName, courierStateNames, toCourier } from "../wire/index.js";

/** RegisterCourier, SetCourierAvailability, GetCourier and ListCouriers. */
export function createCourierHandlers(
  ctx: FleetContext,
): Pick<
  ServiceImpl<typeof FleetService>,
  "registerCourier" | "setCourierAvailability" | "getCourier" | "listCouriers"
> {
  return {
    registerCourier: (request) =>
      registerCourier(
        ctx,
        {
          courierId: request.courierId || undefined,
          kind: courierKindName(request.kind),
          name: request.name,
          zone: request.zone,
          capacity: request.capacity,
          availability: availabilityName(request.availability),
        },
        { key: request.idempotencyKey, request },
      ),

    async setCourierAvailability(request, context) {
      const availability = availabilityName(request.availability);
      assertAvailabilitySetter(requirePrincipal(context), request.courierId, availability);
      return setCourierAvailability(
        ctx,
        { courierId: request.courierId, availability, reason: request.reason },
        { key: request.idempotencyKey, request },
      );
    },

    async getCourier(request, context) {
      assertActsAsItself(requirePrincipal(context), request.courierId);
      return create(GetCourierResponseSchema, { courier: toCourier(await getCourier(ctx, request.courierId)) });
    },

    async listCouriers(request) {
      const page = await listCouriersPage(
        ctx,
        { zone: request.zone, kind: courierKindFilter(request.kind), states: courierStateNames(request.states) },
        request.page,
      );
      return create(ListCouriersResponseSchema, {
        couriers: page.rows.map(toCourier),
        page: { nextPageToken: page.nextPageToken },
      });
    },
  };
}
