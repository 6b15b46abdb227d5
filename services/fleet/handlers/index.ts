import type { ServiceImpl } from "@connectrpc/connect";
import type { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { FleetFeed } from "../events/fleet-feed.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { createAssignmentHandlers } from "./assignment-handlers.js";
import { createCourierHandlers } from "./courier-handlers.js";
import { createReportHandlers } from "./report-handlers.js";
import { createWatchHandler } from "./watch-handler.js";

/** Every FleetService RPC. Roles are checked by the auth interceptor, ownership here. */
export function createFleetHandlers(deps: {
  readonly ctx: FleetContext;
  readonly feed: FleetFeed;
  readonly shutdownSignal: AbortSignal;
}): Partial<ServiceImpl<typeof FleetService>> {
  return {
    ...createCourierHandlers(deps.ctx),
    ...createAssignmentHandlers(deps.ctx),
    ...createReportHandlers(deps.ctx),
    ...createWatchHandler(deps.ctx, deps.feed, deps.shutdownSignal),
  };
}
