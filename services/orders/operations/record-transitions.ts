import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { assertTransition, type OrderStatusName, type TransitionSource } from "../domain/index.js";
import {
  appendStatusLog,
  type OrderEvent,
  type OrderLineRow,
  type OrderRow,
  type OrdersDatabase,
  type OrderWithLines,
  updateOrderRow,
} from "../storage/index.js";
import { toOrder } from "../wire/index.js";
import type { OrderChangeContext } from "./orders-context.js";
import { type Actor, type LoggedMove, transitionEvents } from "./transition-events.js";

/** What a change writes besides the moves themselves. */
export interface TransitionExtras {
  /** Set on the order when it is cancelled. */
  readonly cancelReason?: string;
  /** New returned value of the order (returns). */
  readonly returnedMinor?: number;
  /** The lines after the change, when it changed them (returns). */
  readonly lines?: readonly OrderLineRow[];
  /** Events to publish after the moves' own, given the order after the change. */
  readonly events?: (order: Order) => readonly OrderEvent[];
}

/** The order after {@link recordTransitions}. */
export interface RecordedChange {
  readonly row: OrderRow;
  readonly lines: readonly OrderLineRow[];
  readonly order: Order;
}

/**
 * Applies moves to an order read under its row lock, in the caller's transaction: checks each
 * move against the status machine for `source`, writes the order row once, one status log entry
 * per move (actor, role, reason, time) and the moves' events plus any extra ones, with one
 * statement each, all at one clock reading. With no moves it still writes the extras (a partial
 * return).
 */
export async function recordTransitions(
  trx: Kysely<OrdersDatabase>,
  ctx: OrderChangeContext,
  current: OrderWithLines,
  moves: readonly { readonly to: OrderStatusName; readonly reason: string }[],
  source: TransitionSource,
  actor: Actor,
  extras: TransitionExtras = {},
): Promise<RecordedChange> {
  const now = ctx.now();
  const lines = extras.lines ?? current.lines;
  const logged: LoggedMove[] = [];
  let status = current.status;
  for (const move of moves) {
    assertTransition(status, move.to, source);
    logged.push({
      from: status,
      to: move.to,
      reason: move.reason,
      sequence: current.status_sequence + logged.length + 1,
    });
    status = move.to;
  }
  const row: OrderRow = {
    ...current,
    status,
    status_sequence: current.status_sequence + logged.length,
    updated_at: now,
    ...(extras.cancelReason !== undefined ? { cancel_reason: extras.cancelReason } : {}),
    ...(extras.returnedMinor !== undefined ? { returned_minor: extras.returnedMinor } : {}),
  };
  const order = toOrder(row, lines);
  const events = logged.flatMap((move) =>
    transitionEvents(move.to === status ? order : toOrder({ ...row, status: move.to }, lines), move, actor),
  );
  events.push(...(extras.events?.(order) ?? []));

  await updateOrderRow(trx, row.order_id, {
    status: row.status,
    status_sequence: row.status_sequence,
    updated_at: row.updated_at,
    cancel_reason: row.cancel_reason,
    returned_minor: row.returned_minor,
  });
  await appendStatusLog(
    trx,
    logged.map((move) => ({
      order_id: row.order_id,
      sequence: move.sequence,
      from_status: move.from,
      to_status: move.to,
      actor: actor.subject,
      actor_role: actor.role,
      reason: move.reason,
      changed_at: now,
    })),
  );
  await ctx.outbox.append(trx, ...events);
  return { row, lines, order };
}
