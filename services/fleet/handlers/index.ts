import type { ServiceImpl } from "@connectrpc/connect";
import type { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { FleetContext } from "../operations/index.js";
import { createAssignmentHandlers } from "./assignment-handlers.js";
import { createCourierHandlers } from "./courier-handlers.js";
import { createReportHandlers } from "./report-handlers.js";
import { createWatchHandler } from "./watch-handler.js";

/**
 * Every FleetService RPC. Roles are checked by the auth interceptor; ownership the request shows
 * here, ownership of stored rows by the operations.
 */
export function createFleetHandlers(ctx: FleetContext): Partial<ServiceImpl<typeof FleetService>> {
  return {
    ...createCourierHandlers(ctx),
    ...createAssignmentHandlers(ctx),
    ...createReportHandlers(ctx),
    ...createWatchHandler(ctx),
  };
}
