import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { GetCustomerResponseSchema, type OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { createCustomer, getCustomer, type OrdersContext, updateCustomer } from "../operations/index.js";
import { toCustomer } from "../wire/index.js";

/** The customer RPCs of `OrderService`: a customer acts only on their own profile. */
export function createCustomerHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "createCustomer" | "updateCustomer" | "getCustomer"> {
  return {
    createCustomer: (request, context) => createCustomer(ctx, requirePrincipal(context), request),
    updateCustomer: (request, context) => updateCustomer(ctx, requirePrincipal(context), request),
    async getCustomer(request, context) {
      const row = await getCustomer(ctx, requirePrincipal(context), request.customerId);
      return create(GetCustomerResponseSchema, { customer: toCustomer(row) });
    },
  };
}
