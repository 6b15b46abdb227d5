import { AssignmentStatus } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requiredStoredName } from "../../kit/wire/index.js";
import type { AssignmentStatusName } from "../domain/index.js";

/** The contract's assignment statuses by stored name. */
export const assignmentStatuses: Readonly<Record<AssignmentStatusName, AssignmentStatus>> = {
  queued: AssignmentStatus.QUEUED,
  assigned: AssignmentStatus.ASSIGNED,
  picked_up: AssignmentStatus.PICKED_UP,
  en_route: AssignmentStatus.EN_ROUTE,
  delivered: AssignmentStatus.DELIVERED,
  recalled: AssignmentStatus.RECALLED,
  returned: AssignmentStatus.RETURNED,
  cancelled: AssignmentStatus.CANCELLED,
};

/** A statuses filter (empty: every status). */
export function assignmentStatusNames(statuses: readonly AssignmentStatus[]): AssignmentStatusName[] {
  return statuses.map((status) => requiredStoredName(assignmentStatuses, status, "statuses"));
}
