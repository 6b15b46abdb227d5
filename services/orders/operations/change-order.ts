import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { type IdempotentRequest, runIdempotent, withStoredRefusals } from "../../kit/idempotency/index.js";
import { assertOrderAccess, orderNotFound } from "../domain/index.js";
import { findOrder, type OrdersDatabase, type OrderWithLines } from "../storage/index.js";
import { linkToPlacement } from "./link-to-placement.js";
import type { OrdersContext } from "./orders-context.js";

/**
 * The frame of every RPC that changes an existing order: one transaction that locks the order
 * row (so concurrent changes of one order run one after the other and each sees the other's
 * result), answers another tenant's order NOT_FOUND like a missing one (before the key is looked
 * at, so another tenant's answer is never replayed), and runs `work` once per idempotency key — a
 * retry replays the first answer. A move the order's status does not allow (FAILED_PRECONDITION) is
 * stored under the key like an answer: a retry gets the same refusal, even once the order has
 * moved on.
 */
export async function changeOrder<Req extends DescMessage, Res extends DescMessage>(
  ctx: OrdersContext,
  principal: Principal,
  orderId: string,
  idempotent: IdempotentRequest<Req>,
  responseSchema: Res,
  work: (trx: Kysely<OrdersDatabase>, order: OrderWithLines) => Promise<MessageShape<Res>>,
): Promise<MessageShape<Res>> {
  return withStoredRefusals(ctx.db, idempotent, responseSchema, () =>
    ctx.db.transaction().execute(async (trx) => {
      const order = await findOrder(trx, orderId, { lock: true });
      if (!order) throw orderNotFound(orderId);
      assertOrderAccess(principal, { orderId, brandId: order.brand_id, customerId: order.customer_id });
      linkToPlacement(order);
      return runIdempotent(trx, idempotent, responseSchema, () => work(trx, order));
    }),
  );
}
