import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { type FleetService, WatchFleetResponseSchema } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { assertWatcher } from "../domain/index.js";
import { type FleetContext, watchFleet } from "../operations/index.js";
import { courierKindFilter } from "../wire/index.js";

/**
 * WatchFleet: every watched courier's current state, then each change (see {@link watchFleet}).
 * A courier watches only itself ({@link assertWatcher}), refused before anything is read.
 */
export function createWatchHandler(ctx: FleetContext): Pick<ServiceImpl<typeof FleetService>, "watchFleet"> {
  return {
    async *watchFleet(request, context) {
      assertWatcher(requirePrincipal(context), request.courierIds);
      const filter = { zone: request.zone, kind: courierKindFilter(request.kind), courierIds: request.courierIds };
      for await (const courier of watchFleet(ctx, filter, context.signal)) {
        yield create(WatchFleetResponseSchema, { courier });
      }
    },
  };
}
