import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type FleetService,
  GetAssignmentResponseSchema,
  ListAssignmentsResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { assertAssignmentLister } from "../domain/index.js";
import { type FleetContext, getAssignment, listAssignmentsPage } from "../operations/index.js";
import { assignmentStatusNames, toAssignment } from "../wire/index.js";

/** GetAssignment and ListAssignments. */
export function createAssignmentHandlers(
  ctx: FleetContext,
): Pick<ServiceImpl<typeof FleetService>, "getAssignment" | "listAssignments"> {
  return {
    async getAssignment(request, context) {
      const placed = await getAssignment(ctx, requirePrincipal(context), request.orderId);
      return create(GetAssignmentResponseSchema, { assignment: toAssignment(placed.assignment, placed.queuePosition) });
    },

    async listAssignments(request, context) {
      assertAssignmentLister(requirePrincipal(context), request.courierId);
      const page = await listAssignmentsPage(
        ctx,
        { courierId: request.courierId, zone: request.zone, statuses: assignmentStatusNames(request.statuses) },
        request.page,
      );
      return create(ListAssignmentsResponseSchema, {
        assignments: page.rows.map((row) => toAssignment(row, row.queue_position)),
        page: { nextPageToken: page.nextPageToken },
      });
    },
  };
}
