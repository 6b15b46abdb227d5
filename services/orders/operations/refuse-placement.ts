import type { ConnectError } from "@connectrpc/connect";
import {
  type PlaceOrderRequestSchema,
  type PlaceOrderResponse,
  PlaceOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Deadline } from "../../kit/deadlines/index.js";
import { DomainError } from "../../kit/errors/index.js";
import {
  type IdempotentRequest,
  readStoredAnswer,
  refusalError,
  toStoredRefusal,
} from "../../kit/idempotency/index.js";
import { recordRefusal } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** The key and placement row a PlaceOrder attempt commits under. */
export interface PlacementKey {
  readonly key: IdempotentRequest<typeof PlaceOrderRequestSchema>;
  readonly orderId: string;
  /** The epoch of the placement row the attempt registered in. */
  readonly epoch: string;
}

/**
 * Ends a PlaceOrder attempt with a definitive refusal (a shortage, an unknown SKU, prices in
 * several currencies): stores it under the key like an answer, if the attempt may still commit,
 * and answers it; a retry gets the same refusal, and a late attempt with the key can no longer
 * record an order. If the key already holds an answer (a concurrent attempt stored it first),
 * that answer is given instead: a refusal is only ever answered when it is the key's stored
 * answer. Stock the attempt holds is given back once the key holds a refusal (no order can ever
 * be recorded for it). An attempt given up by the sweeper stores nothing and answers
 * DEADLINE_EXCEEDED.
 */
export async function refusePlacement(
  ctx: OrdersContext,
  attempt: PlacementKey,
  error: DomainError | ConnectError,
  { held, deadline }: { readonly held: boolean; readonly deadline: Deadline },
): Promise<PlaceOrderResponse> {
  const refusal = toStoredRefusal(error);
  const stored = await recordRefusal(ctx.db, {
    claim: { schema: "orders", ...attempt.key, refusal },
    orderId: attempt.orderId,
    epoch: attempt.epoch,
    held,
  });
  if (stored) {
    if (held) await releaseRefusedHold(ctx, attempt.orderId);
    throw refusalError(refusal);
  }
  const answer = await readStoredAnswer(ctx.db, attempt.key, PlaceOrderResponseSchema);
  if (answer.kind === "response") return answer.response;
  if (answer.kind === "none") {
    deadline.check("refusing the order");
    throw endedWithoutOrder(attempt.key.key);
  }
  if (held && (answer.kind === "refusal" || answer.refused)) await releaseRefusedHold(ctx, attempt.orderId);
  throw answer.error;
}

/**
 * Gives back the stock held for an order id whose key holds a refusal (so no order can ever be
 * recorded for it). Best effort: the placement sweeper releases it after the deadline otherwise.
 */
export async function releaseRefusedHold(ctx: OrdersContext, orderId: string): Promise<void> {
  await ctx.inventory
    .releaseReservation({ orderId, reason: "order refused before it was recorded" })
    .catch((error: unknown) => {
      ctx.logger.warn({ err: error, orderId }, "releasing the hold of a refused order failed; the sweeper releases it");
    });
}

/** ABORTED for a key whose placement ended without an order and without a stored answer. */
export function endedWithoutOrder(key: string): DomainError {
  return new DomainError(
    "aborted",
    `an earlier attempt with idempotency key ${key} ended without an order and its stock hold is released - place the order again with a new idempotency key`,
  );
}
