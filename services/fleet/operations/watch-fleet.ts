import type { Courier } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { followFeed, watchWithSnapshot } from "../../kit/streaming/index.js";
import type { CourierKindName } from "../domain/index.js";
import { listCouriers } from "../storage/index.js";
import { courierKinds, toCourier } from "../wire/index.js";
import type { FleetContext } from "./fleet-context.js";

/** Couriers read per snapshot page. */
const snapshotPage = 500;

/** Which couriers to watch; empty or undefined filters match every courier. */
export interface WatchFilter {
  readonly zone: string;
  readonly kind: CourierKindName | undefined;
  readonly courierIds: readonly string[];
}

/**
 * WatchFleet: listens to the process's fleet feed first, then yields the current state of every
 * watched courier, then every change newer than what was sent for that courier (by its version),
 * so nothing between the snapshot and the feed is lost or repeated. Ends when `signal` aborts (the
 * client went away) or the server shuts down; ABORTED for a watcher too far behind, UNAVAILABLE
 * when the feed is interrupted.
 */
export function watchFleet(ctx: FleetContext, filter: WatchFilter, signal: AbortSignal): AsyncGenerator<Courier> {
  const ids = new Set(filter.courierIds);
  const kind = filter.kind && courierKinds[filter.kind];
  const watched = (courier: Courier) =>
    (!filter.zone || courier.zone === filter.zone) &&
    (kind === undefined || courier.kind === kind) &&
    (ids.size === 0 || ids.has(courier.courierId));
  return watchWithSnapshot({
    signal: AbortSignal.any([signal, ctx.shutdownSignal]),
    subscribe: () =>
      followFeed(ctx.feed, {
        select: ({ courier }) => (courier && watched(courier) ? courier : undefined),
        signal,
        shutdownSignal: ctx.shutdownSignal,
        name: "fleet",
      }),
    snapshot: () => currentCouriers(ctx, filter),
    versionOf: (courier) => [courier.courierId, Number(courier.version)],
  });
}

/** The watched couriers as they are now, read in keyset pages of {@link snapshotPage}. */
async function* currentCouriers(ctx: FleetContext, filter: WatchFilter): AsyncGenerator<Courier> {
  let after: { readonly zone: string; readonly name: string; readonly courierId: string } | undefined;
  for (;;) {
    const rows = await listCouriers(ctx.db, {
      zone: filter.zone || undefined,
      kind: filter.kind,
      states: [],
      ids: filter.courierIds,
      after,
      limit: snapshotPage,
    });
    for (const row of rows) yield toCourier(row);
    const last = rows.at(-1);
    if (!last || rows.length < snapshotPage) return;
    after = { zone: last.zone, name: last.name, courierId: last.courier_id };
  }
}
