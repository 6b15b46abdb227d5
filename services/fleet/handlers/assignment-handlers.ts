import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type FleetService,
  GetAssignmentResponseSchema,
  ListAssignmentsResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { assertBrandAccess, type Principal, requirePrincipal } from "../../kit/auth/index.js";
import { notFound, permissionDenied } from "../../kit/errors/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { storedName } from "../../kit/wire/index.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { assignmentStatuses, toAssignment } from "../operations/fleet-messages.js";
import { type AssignmentRow, findAssignment, listAssignments, queuePosition } from "../storage/index.js";

/**
 * Who may read an assignment: operators any; a brand or partner its brand's; a customer their
 * own; a courier those it carries or carried. Anyone else is refused, never shown an empty answer.
 */
function assertAssignmentAccess(principal: Principal, row: AssignmentRow): void {
  switch (principal.role) {
    case "customer":
      if (row.customer_id !== principal.subject)
        throw permissionDenied(`order ${row.order_id} is not an order of customer ${principal.subject}`);
      return;
    case "courier":
      if (row.courier_id !== principal.subject)
        throw permissionDenied(`order ${row.order_id} is not a delivery of courier ${principal.subject}`);
      return;
    default:
      assertBrandAccess(principal, row.brand_id);
  }
}

/** GetAssignment and ListAssignments. */
export function createAssignmentHandlers(
  ctx: FleetContext,
): Pick<ServiceImpl<typeof FleetService>, "getAssignment" | "listAssignments"> {
  const { db } = ctx;
  return {
    async getAssignment(request, context) {
      const row = await findAssignment(db, request.orderId);
      if (!row) throw notFound(`order ${request.orderId} has no assignment - it is not ready for dispatch yet`);
      assertAssignmentAccess(requirePrincipal(context), row);
      return create(GetAssignmentResponseSchema, { assignment: toAssignment(row, await queuePosition(db, row)) });
    },

    async listAssignments(request, context) {
      const principal = requirePrincipal(context);
      if (principal.role === "courier" && request.courierId !== principal.subject) {
        throw permissionDenied(`a courier lists its own assignments only - set courier_id to ${principal.subject}`);
      }
      const limit = pageSize(request.page?.pageSize);
      const filters = {
        courierId: request.courierId,
        zone: request.zone,
        statuses: request.statuses.map((status) => storedName(assignmentStatuses, status)!),
      };
      const scope = JSON.stringify(filters);
      const after = decodeCursor(request.page?.pageToken ?? "", ["created", "id"], scope);
      const rows = await listAssignments(db, {
        courierId: filters.courierId || undefined,
        zone: filters.zone || undefined,
        statuses: filters.statuses,
        after: after && { createdAt: new Date(after.created), orderId: after.id },
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextPageToken =
        rows.length > limit && last
          ? encodeCursor({ created: last.created_at.toISOString(), id: last.order_id }, scope)
          : "";
      return create(ListAssignmentsResponseSchema, {
        assignments: page.map((row) => toAssignment(row, row.queue_position)),
        page: { nextPageToken },
      });
    },
  };
}
