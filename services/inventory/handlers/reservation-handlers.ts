import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  CommitReservationResponseSchema,
  ConfirmReservationResponseSchema,
  type InventoryService,
  ReleaseReservationResponseSchema,
  ReserveStockResponseSchema,
  ReturnStockRequestSchema,
  ReturnStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import type { ReservationAction } from "../domain/reservation-transitions.js";
import { changeReservation } from "../operations/change-reservation.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { reserveStock } from "../operations/reserve-stock.js";
import { returnStock } from "../operations/return-stock.js";
import type { ReservationRow } from "../storage/reservation-store.js";
import { toReservation } from "./messages.js";

/** ReserveStock, ConfirmReservation, ReleaseReservation, CommitReservation and ReturnStock. */
export function createReservationHandlers(
  ctx: InventoryContext,
): Pick<
  ServiceImpl<typeof InventoryService>,
  "reserveStock" | "confirmReservation" | "releaseReservation" | "commitReservation" | "returnStock"
> {
  const { db } = ctx;

  /** Runs one life-cycle move of a reservation in its own transaction (strict: errors for callers). */
  async function move(
    orderId: string,
    action: ReservationAction,
    context: HandlerContext,
    note?: string,
  ): Promise<ReservationRow> {
    const actor = requirePrincipal(context).subject;
    const result = await db
      .transaction()
      .execute((trx) =>
        changeReservation(trx, ctx, { orderId, action, actor, mode: "strict", ...(note ? { note } : {}) }),
      );
    return result.reservation!;
  }

  return {
    async reserveStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      const reservation = await db.transaction().execute((trx) =>
        reserveStock(trx, ctx, {
          orderId: request.orderId,
          brandId: request.brandId,
          lines: request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
          actor: principal.subject,
        }),
      );
      return create(ReserveStockResponseSchema, { reservation: toReservation(reservation) });
    },

    async confirmReservation(request, context) {
      return create(ConfirmReservationResponseSchema, {
        reservation: toReservation(await move(request.orderId, "confirm", context)),
      });
    },

    async releaseReservation(request, context) {
      return create(ReleaseReservationResponseSchema, {
        reservation: toReservation(await move(request.orderId, "release", context, request.reason)),
      });
    },

    async commitReservation(request, context) {
      return create(CommitReservationResponseSchema, {
        reservation: toReservation(await move(request.orderId, "commit", context)),
      });
    },

    async returnStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      const scope = `ReturnStock/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: ReturnStockRequestSchema, request },
          ReturnStockResponseSchema,
          async () => {
            const applied = await returnStock(trx, ctx, {
              orderId: request.orderId,
              brandId: request.brandId,
              lines: request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
              actor: principal.subject,
              idempotencyKey: request.idempotencyKey,
            });
            return create(ReturnStockResponseSchema, { stock: applied.map((change) => change.stock) });
          },
        ),
      );
    },
  };
}
