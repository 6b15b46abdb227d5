import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type Courier,
  type FleetService,
  WatchFleetResponseSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import { createSequenceGate, createWatchQueue } from "../../kit/streaming/index.js";
import { storedName } from "../../kit/wire/index.js";
import type { FleetFeed } from "../events/fleet-feed.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { courierKinds, toCourier } from "../operations/fleet-messages.js";
import { listCouriers } from "../storage/index.js";

/** Changes a watcher may fall behind by before its stream is ended. */
const watcherBacklog = 10_000;
/** Couriers read per snapshot page. */
const snapshotPage = 500;

/**
 * WatchFleet: subscribes to the process's fleet feed first, then sends the current state of every
 * watched courier, then every change newer than what was sent for that courier (by its version),
 * so nothing between the snapshot and the feed is lost or repeated. Ends when the client goes
 * away or the server shuts down.
 */
export function createWatchHandler(
  ctx: FleetContext,
  feed: FleetFeed,
  shutdownSignal: AbortSignal,
): Pick<ServiceImpl<typeof FleetService>, "watchFleet"> {
  return {
    async *watchFleet(request, context) {
      const ids = new Set(request.courierIds);
      const watched = (courier: Courier) =>
        (!request.zone || courier.zone === request.zone) &&
        (!request.kind || courier.kind === request.kind) &&
        (ids.size === 0 || ids.has(courier.courierId));
      const queue = createWatchQueue<Courier>({
        limit: watcherBacklog,
        signal: AbortSignal.any([context.signal, shutdownSignal]),
        overflow: () => new DomainError("aborted", "the watcher fell too far behind the changes - watch again"),
      });
      const unsubscribe = await feed.subscribe({
        change({ courier }) {
          if (courier && watched(courier)) queue.push(courier);
        },
        end: () =>
          queue.close(
            shutdownSignal.aborted
              ? undefined
              : new DomainError("unavailable", "the fleet feed was interrupted - watch again"),
          ),
      });
      try {
        const gate = createSequenceGate();
        let after: { zone: string; name: string; courierId: string } | undefined;
        for (;;) {
          const rows = await listCouriers(ctx.db, {
            zone: request.zone || undefined,
            kind: storedName(courierKinds, request.kind),
            states: [],
            ids: [...ids],
            after,
            limit: snapshotPage,
          });
          for (const row of rows) {
            gate.admit(row.courier_id, row.version);
            yield create(WatchFleetResponseSchema, { courier: toCourier(row) });
          }
          const last = rows.at(-1);
          if (!last || rows.length < snapshotPage) break;
          after = { zone: last.zone, name: last.name, courierId: last.courier_id };
        }
        for await (const courier of queue) {
          if (gate.admit(courier.courierId, Number(courier.version)))
            yield create(WatchFleetResponseSchema, { courier });
        }
      } finally {
        unsubscribe();
      }
    },
  };
}
