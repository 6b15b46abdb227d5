import type { PlacedOrders } from "../placed-orders.js";
import type { Random } from "../random.js";
import type { Tally } from "../tally.js";
import type { Clients } from "../tokens.js";
import type { SimBrand, World } from "../world.js";

/** What every actor works with: the clients of each role, the world, the run's random choices and its tally. */
export interface ActorContext {
  readonly clients: Clients;
  readonly world: World;
  readonly random: Random;
  readonly tally: Tally;
  /** The orders this run placed: a count and the latest ids. */
  readonly placed: PlacedOrders;
}

/** One of the world's brands, drawn at random. */
export function anyBrand(context: ActorContext): SimBrand {
  return context.random.pick(context.world.brands);
}

/**
 * Runs `work` on the first of `ids` no other action holds, holding it meanwhile; answers false
 * when every one is held (or there is none).
 */
export async function withFirstFree(
  context: ActorContext,
  ids: readonly string[],
  work: (id: string) => Promise<void>,
): Promise<boolean> {
  const id = ids.find((candidate) => !context.world.claims.has(candidate));
  if (id === undefined) return false;
  context.world.claims.add(id);
  try {
    await work(id);
  } finally {
    context.world.claims.delete(id);
  }
  return true;
}
