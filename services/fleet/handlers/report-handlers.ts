import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  type FleetService,
  ReportDeliveryRequestSchema,
  ReportDeliveryResponseSchema,
  ReportPickupRequestSchema,
  ReportPickupResponseSchema,
  ReportReturnRequestSchema,
  ReportReturnResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { toAssignment } from "../operations/fleet-messages.js";
import { applyRiderReport, type RiderReportInput } from "../operations/rider-reports.js";

/** ReportPickup, ReportDelivery and ReportReturn: a rider's reports, each idempotent on its key. */
export function createReportHandlers(
  ctx: FleetContext,
): Pick<ServiceImpl<typeof FleetService>, "reportPickup" | "reportDelivery" | "reportReturn"> {
  /** Runs one report under the key's idempotency, scoped to the method and order. */
  function report<Req extends DescMessage, Res extends DescMessage>(
    context: HandlerContext,
    method: string,
    schemas: { readonly request: Req; readonly response: Res },
    request: MessageShape<Req> & { readonly orderId: string; readonly idempotencyKey: string },
    input: RiderReportInput,
  ): Promise<MessageShape<Res>> {
    const principal = requirePrincipal(context);
    const scope = `${method}/${request.orderId}`;
    return ctx.db.transaction().execute((trx) =>
      runIdempotent(
        trx,
        { scope, key: request.idempotencyKey, requestSchema: schemas.request, request },
        schemas.response,
        async () => {
          const assignment = await applyRiderReport(trx, ctx, principal, input);
          return create(schemas.response, { assignment: toAssignment(assignment) } as never);
        },
      ),
    );
  }

  return {
    reportPickup: (request, context) =>
      report(
        context,
        "ReportPickup",
        { request: ReportPickupRequestSchema, response: ReportPickupResponseSchema },
        request,
        { report: "pickup", orderId: request.orderId },
      ),
    reportDelivery: (request, context) =>
      report(
        context,
        "ReportDelivery",
        { request: ReportDeliveryRequestSchema, response: ReportDeliveryResponseSchema },
        request,
        {
          report: "delivery",
          orderId: request.orderId,
          receivedBy: request.receivedBy,
          note: request.note,
        },
      ),
    reportReturn: (request, context) =>
      report(
        context,
        "ReportReturn",
        { request: ReportReturnRequestSchema, response: ReportReturnResponseSchema },
        request,
        {
          report: "return",
          orderId: request.orderId,
          note: request.note,
        },
      ),
  };
}
