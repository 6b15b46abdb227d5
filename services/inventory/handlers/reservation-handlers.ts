import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  CommitReservationResponseSchema,
  ConfirmReservationResponseSchema,
  type InventoryService,
  ReleaseReservationResponseSchema,
  ReserveStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { callerDeadline } from "../../kit/deadlines/index.js";
import type { ReservationAction } from "../domain/index.js";
import { type InventoryContext, reserveStock, returnStock, runReservationAction } from "../operations/index.js";
import { toReservation } from "../wire/index.js";

/** ReserveStock, ConfirmReservation, ReleaseReservation, CommitReservation and ReturnStock. */
export function createReservationHandlers(
  ctx: InventoryContext,
): Pick<
  ServiceImpl<typeof InventoryService>,
  "reserveStock" | "confirmReservation" | "releaseReservation" | "commitReservation" | "returnStock"
> {
  /** One life-cycle move of a reservation, by the calling principal, as its message. */
  async function move(orderId: string, action: ReservationAction, context: HandlerContext, note?: string) {
    const actor = requirePrincipal(context).subject;
    return toReservation(await runReservationAction(ctx, { orderId, action, actor, ...(note ? { note } : {}) }));
  }

  return {
    async reserveStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      // A caller that has given up (PlaceOrder past its deadline) gets no hold.
      callerDeadline(context).check("holding the stock");
      const reservation = await reserveStock(ctx, {
        orderId: request.orderId,
        brandId: request.brandId,
        lines: request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
        actor: principal.subject,
      });
      return create(ReserveStockResponseSchema, { reservation: toReservation(reservation) });
    },

    async confirmReservation(request, context) {
      return create(ConfirmReservationResponseSchema, { reservation: await move(request.orderId, "confirm", context) });
    },

    async releaseReservation(request, context) {
      return create(ReleaseReservationResponseSchema, {
        reservation: await move(request.orderId, "release", context, request.reason),
      });
    },

    async commitReservation(request, context) {
      return create(CommitReservationResponseSchema, { reservation: await move(request.orderId, "commit", context) });
    },

    async returnStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      return returnStock(ctx, request, principal.subject);
    },
  };
}
