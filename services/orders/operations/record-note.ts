import type { Kysely } from "kysely";
import { appendStatusLog, type OrdersDatabase, type OrderWithLines, setStatusSequence } from "../storage/index.js";
import type { OrderChangeContext } from "./orders-context.js";
import type { Actor } from "./transition-events.js";

/**
 * Logs something that happened to an order without changing its status (a recalled or aborted
 * delivery of a cancelled order): a status log entry from and to the current status, in the
 * caller's transaction under the order's row lock. It is history, not a transition, so no
 * OrderStatusChanged is published.
 */
export async function recordNote(
  trx: Kysely<OrdersDatabase>,
  ctx: Pick<OrderChangeContext, "now">,
  order: OrderWithLines,
  actor: Actor,
  reason: string,
): Promise<void> {
  const sequence = order.status_sequence + 1;
  await setStatusSequence(trx, order.order_id, sequence);
  await appendStatusLog(trx, [
    {
      order_id: order.order_id,
      sequence,
      from_status: order.status,
      to_status: order.status,
      actor: actor.subject,
      actor_role: actor.role,
      reason,
      changed_at: ctx.now(),
    },
  ]);
}
