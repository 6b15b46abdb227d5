import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import {
  type ReportDeliveryRequest,
  ReportDeliveryRequestSchema,
  type ReportDeliveryResponse,
  ReportDeliveryResponseSchema,
  type ReportPickupRequest,
  ReportPickupRequestSchema,
  type ReportPickupResponse,
  ReportPickupResponseSchema,
  type ReportReturnRequest,
  ReportReturnRequestSchema,
  type ReportReturnResponse,
  ReportReturnResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import type { AssignmentRow } from "../storage/index.js";
import { toAssignment } from "../wire/index.js";
import type { FleetContext } from "./fleet-context.js";
import type { IdempotentCall } from "./idempotent-call.js";
import { applyRiderReport, type RiderReportInput } from "./rider-reports.js";

/** What a report says besides which report it is. */
export type RiderReportDetails = Omit<RiderReportInput, "report">;

/** ReportPickup: the rider collected the order (see {@link applyRiderReport}); idempotent on its key. */
export function reportPickup(
  ctx: FleetContext,
  principal: Principal,
  details: RiderReportDetails,
  call: IdempotentCall<ReportPickupRequest>,
): Promise<ReportPickupResponse> {
  return reportOnce(ctx, principal, { ...details, report: "pickup" }, call, {
    method: "ReportPickup",
    requestSchema: ReportPickupRequestSchema,
    responseSchema: ReportPickupResponseSchema,
    respond: (row) => create(ReportPickupResponseSchema, { assignment: toAssignment(row) }),
  });
}

/** ReportDelivery: the rider handed the order over; idempotent on its key. */
export function reportDelivery(
  ctx: FleetContext,
  principal: Principal,
  details: RiderReportDetails,
  call: IdempotentCall<ReportDeliveryRequest>,
): Promise<ReportDeliveryResponse> {
  return reportOnce(ctx, principal, { ...details, report: "delivery" }, call, {
    method: "ReportDelivery",
    requestSchema: ReportDeliveryRequestSchema,
    responseSchema: ReportDeliveryResponseSchema,
    respond: (row) => create(ReportDeliveryResponseSchema, { assignment: toAssignment(row) }),
  });
}

/** ReportReturn: the goods of a recalled order are back; idempotent on its key. */
export function reportReturn(
  ctx: FleetContext,
  principal: Principal,
  details: RiderReportDetails,
  call: IdempotentCall<ReportReturnRequest>,
): Promise<ReportReturnResponse> {
  return reportOnce(ctx, principal, { ...details, report: "return" }, call, {
    method: "ReportReturn",
    requestSchema: ReportReturnRequestSchema,
    responseSchema: ReportReturnResponseSchema,
    respond: (row) => create(ReportReturnResponseSchema, { assignment: toAssignment(row) }),
  });
}

/** The RPC a report came through: its name (the key's scope), its messages and its answer. */
interface ReportMethod<Req extends DescMessage, Res extends DescMessage> {
  readonly method: string;
  readonly requestSchema: Req;
  readonly responseSchema: Res;
  readonly respond: (assignment: AssignmentRow) => MessageShape<Res>;
}

/**
 * Applies one report in a transaction, at most once per key, scoped to the method, the order and
 * the caller: the stored answer is replayed before the report is looked at, so a key shared with
 * another courier must never reach that courier's answer (nor tell that the order exists).
 */
function reportOnce<Req extends DescMessage, Res extends DescMessage>(
  ctx: FleetContext,
  principal: Principal,
  input: RiderReportInput,
  call: IdempotentCall<MessageShape<Req>>,
  method: ReportMethod<Req, Res>,
): Promise<MessageShape<Res>> {
  const scope = `${method.method}/${input.orderId}/${principal.role}/${principal.subject}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: call.key, requestSchema: method.requestSchema, request: call.request },
    method.responseSchema,
    async (trx) => method.respond(await applyRiderReport(trx, ctx, principal, input)),
  );
}
