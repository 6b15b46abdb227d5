import type { PageRequest } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import type { AssignmentStatusName } from "../domain/index.js";
import { type AssignmentRow, listAssignments } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** Which assignments to list; empty filters match every assignment. */
export interface AssignmentFilter {
  readonly courierId: string;
  readonly zone: string;
  readonly statuses: readonly AssignmentStatusName[];
}

/**
 * ListAssignments: one page of assignments, oldest first then by order id, each with its queue
 * position (0 unless queued). A page token is bound to the filters it was made for.
 */
export async function listAssignmentsPage(
  ctx: FleetContext,
  filter: AssignmentFilter,
  page: PageRequest | undefined,
): Promise<Page<AssignmentRow & { readonly queue_position: number }>> {
  const cursor = sortCursor(
    { created: cursorFields.time, id: cursorFields.uuid },
    JSON.stringify(["assignments", filter.courierId, filter.zone, filter.statuses]),
  );
  const after = cursor.decode(page?.pageToken);
  return readPage(
    page,
    (limit) =>
      listAssignments(ctx.db, {
        courierId: filter.courierId || undefined,
        zone: filter.zone || undefined,
        statuses: filter.statuses,
        after: after && { createdAt: after.created, orderId: after.id },
        limit,
      }),
    (last) => cursor.encode({ created: last.created_at, id: last.order_id }),
  );
}
