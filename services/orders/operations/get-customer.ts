import type { Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { assertActsForCustomer } from "../domain/index.js";
import { type CustomerRow, findCustomer } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** Reads a customer; a customer may read only their own profile. */
export async function getCustomer(ctx: OrdersContext, principal: Principal, customerId: string): Promise<CustomerRow> {
  assertActsForCustomer(principal, customerId);
  const row = await findCustomer(ctx.db, customerId);
  if (!row) throw notFound(`customer ${customerId} does not exist`);
  return row;
}
