import { AssignmentStatus } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { ActionName } from "../tally.js";
import { type ActorContext, withFirstFree } from "./actor-context.js";

/** What a rider does next with an assignment in each status. */
const nextStep: ReadonlyMap<AssignmentStatus, ActionName> = new Map([
  [AssignmentStatus.ASSIGNED, "pickup"],
  [AssignmentStatus.EN_ROUTE, "deliver"],
  [AssignmentStatus.RECALLED, "return-recalled"],
]);

/**
 * A random rider takes the next step of its oldest open assignment, with its own courier token:
 * picks up what it was assigned, delivers what it carries, brings back what was recalled.
 * Skipped (as a pick-up) when it has nothing to do. Drones need no one: Fleet flies them.
 */
export async function ride(context: ActorContext): Promise<void> {
  const { tally } = context;
  const courierId = context.random.pick(context.world.fleet.riderIds);
  const rider = context.clients.courier(courierId);
  const listed = await tally.lookUp("pickup", () =>
    rider.fleet.listAssignments({ courierId, statuses: [...nextStep.keys()], page: { pageSize: 20 } }),
  );
  if (!listed) return;
  const statusOf = new Map(listed.assignments.map((assignment) => [assignment.orderId, assignment.status]));
  const started = await withFirstFree(context, [...statusOf.keys()], async (orderId) => {
    const step = nextStep.get(statusOf.get(orderId) as AssignmentStatus) as ActionName;
    await tally.attempt<unknown>(step, () => {
      if (step === "pickup") return rider.fleet.reportPickup({ orderId });
      if (step === "deliver") return rider.fleet.reportDelivery({ orderId, note: "left with the concierge" });
      return rider.fleet.reportReturn({ orderId, note: "back on the shelf" });
    });
  });
  if (!started) tally.skip("pickup");
}
