import { Code, ConnectError } from "@connectrpc/connect";
import { deadlineCutoff } from "../../kit/deadlines/index.js";
import { deleteFencedPlacement, deleteSettledPlacements, fenceDuePlacements } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** What the placement sweeper uses of the Orders context. */
export type PlacementSweepContext = Pick<OrdersContext, "db" | "inventory" | "logger">;

/** Options of {@link releaseAbandonedPlacements}. */
export interface PlacementSweepOptions {
  /** How long after a deadline a placement is given up (covers clock skew between replicas). */
  readonly graceMs: number;
  /** How long a sweeper keeps a placement it fenced before another may retry it. */
  readonly leaseMs: number;
  /** At most this many placements forgotten, and this many given up, per round. */
  readonly batchSize: number;
  /** True once the sweeper is stopping: the round ends between placements. */
  readonly isStopping: () => boolean;
}

/** Inventory's refusals of a release that no retry will change. */
const finalRefusals: ReadonlySet<Code> = new Set([Code.FailedPrecondition, Code.NotFound, Code.InvalidArgument]);

/**
 * One round of the placement sweeper: forgets placements that settled more than the grace ago,
 * then gives up those whose every attempt's deadline passed more than the grace ago and that may
 * have left a hold (see `fenceDuePlacements`): fenced first, so that no late attempt can record
 * its order any more, each one's hold is released at Inventory — never when its order exists —
 * and the placement deleted. A release for an order id that holds nothing yet leaves a released
 * tombstone at Inventory, so that the ReserveStock of an attempt still on its way holds nothing.
 * A failed release is retried after the lease. Returns how many settled placements it forgot and
 * how many it gave up.
 */
export async function releaseAbandonedPlacements(
  ctx: PlacementSweepContext,
  options: PlacementSweepOptions,
): Promise<{ readonly forgotten: number; readonly released: number }> {
  const cutoff = deadlineCutoff(options.graceMs);
  const forgotten = await deleteSettledPlacements(ctx.db, cutoff, options.batchSize);
  const leaseUntil = new Date(cutoff.getTime() + options.graceMs + options.leaseMs);
  const fenced = await fenceDuePlacements(ctx.db, cutoff, leaseUntil, options.batchSize);
  let released = 0;
  for (const placement of fenced) {
    if (options.isStopping()) break;
    if (!placement.recorded && !(await releaseHold(ctx, placement.orderId))) continue;
    await deleteFencedPlacement(ctx.db, placement.orderId);
    released++;
  }
  return { forgotten, released };
}

/** Releases the order id's hold; false when Inventory could not be reached (retry later). */
async function releaseHold(ctx: PlacementSweepContext, orderId: string): Promise<boolean> {
  try {
    await ctx.inventory.releaseReservation({ orderId, reason: "placement abandoned after its deadline" });
    return true;
  } catch (error) {
    const refusal = ConnectError.from(error);
    if (finalRefusals.has(refusal.code)) {
      ctx.logger.error({ err: error, orderId }, "Inventory refused to release the hold of an abandoned placement");
      return true;
    }
    ctx.logger.warn({ err: error, orderId }, "releasing the hold of an abandoned placement failed; retrying later");
    return false;
  }
}
