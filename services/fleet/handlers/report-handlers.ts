import type { ServiceImpl } from "@connectrpc/connect";
import type { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { type FleetContext, reportDelivery, reportPickup, reportReturn } from "../operations/index.js";

/**
 * ReportPickup, ReportDelivery and ReportReturn: a rider's reports, each idempotent on its key.
 * Whether the caller carries the order needs the stored assignment, so the operation checks it.
 */
export function createReportHandlers(
  ctx: FleetContext,
): Pick<ServiceImpl<typeof FleetService>, "reportPickup" | "reportDelivery" | "reportReturn"> {
  return {
    reportPickup: (request, context) =>
      reportPickup(
        ctx,
        requirePrincipal(context),
        { orderId: request.orderId },
        { key: request.idempotencyKey, request },
      ),
    reportDelivery: (request, context) =>
      reportDelivery(
        ctx,
        requirePrincipal(context),
        { orderId: request.orderId, receivedBy: request.receivedBy, note: request.note },
        { key: request.idempotencyKey, request },
      ),
    reportReturn: (request, context) =>
      reportReturn(
        ctx,
        requirePrincipal(context),
        { orderId: request.orderId, note: request.note },
        { key: request.idempotencyKey, request },
      ),
  };
}
