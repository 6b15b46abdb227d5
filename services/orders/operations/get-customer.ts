import type { Principal } from "../../kit/auth/index.js";
import { assertActsForCustomer, customerBrandScope, customerNotFound } from "../domain/index.js";
import { type CustomerRow, findCustomer, findCustomerOfBrand } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/**
 * Reads a customer; a customer may read only their own profile, a partner only the customers of
 * its brand (`domain/customer-access.ts`): another brand's customer is answered like a missing one.
 */
export async function getCustomer(ctx: OrdersContext, principal: Principal, customerId: string): Promise<CustomerRow> {
  assertActsForCustomer(principal, customerId);
  const brandId = customerBrandScope(principal);
  const row =
    brandId === undefined
      ? await findCustomer(ctx.db, customerId)
      : await findCustomerOfBrand(ctx.db, customerId, brandId);
  if (!row) throw customerNotFound(customerId);
  return row;
}
