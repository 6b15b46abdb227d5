import { Code } from "@connectrpc/connect";
import type { PlacementRecord } from "../order-driver.js";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

/** Every `step`-th item, at most `limit` of them, spread over the whole list. */
function spread<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)] as T);
}

/**
 * Replays keys after the run, as a client retrying late would: a refused key must be refused
 * again (not placed now that stock came back), an acknowledged key must answer the same order.
 * It places orders when the invariant is broken, so it runs after every other check.
 */
export async function replayedKeysAnswerTheSame(ctx: CheckContext): Promise<CheckResult> {
  const refused = spread(
    ctx.driver.placements.filter((p) => p.outcome === "refused"),
    ctx.replayLimit,
  );
  const acknowledged = spread(
    ctx.driver.placements.filter((p) => p.outcome === "acknowledged"),
    ctx.replayLimit,
  );
  const evidence: string[] = [];
  const replay = (placement: PlacementRecord) =>
    ctx.driver.retry(`replay of PlaceOrder key ${placement.key}`, (client, timeoutMs) =>
      client.orders.placeOrder(placement.request, { timeoutMs }),
    );
  for (const placement of refused) {
    const result = await replay(placement);
    if (result.kind === "ok")
      evidence.push(
        `key ${placement.key} was refused (${placement.refusal?.message}) but its replay placed order ${result.value.order?.orderId}`,
      );
    else if (result.kind === "unanswered") evidence.push(`replay of refused key ${placement.key} got no answer`);
  }
  for (const placement of acknowledged) {
    const result = await replay(placement);
    if (result.kind !== "ok")
      evidence.push(
        `key ${placement.key} was acknowledged (order ${placement.orderId}) but its replay answered ${result.kind === "refused" ? `${Code[result.error.code]} ${result.error.rawMessage}` : "nothing"}`,
      );
    else if (result.value.order?.orderId !== placement.orderId)
      evidence.push(
        `key ${placement.key}: replay answered order ${result.value.order?.orderId}, first answer ${placement.orderId}`,
      );
  }
  return verdict(
    "replayed keys answer as before (refusals are final)",
    `${refused.length} refused and ${acknowledged.length} acknowledged keys replayed`,
    evidence,
  );
}
