import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { GetCustomerResponseSchema, type OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { createCustomer, getCustomer, updateCustomer } from "../operations/customers.js";
import type { OrdersContext } from "../operations/orders-context.js";

/** The customer RPCs of `OrderService`: a customer acts only on their own profile. */
export function createCustomerHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "createCustomer" | "updateCustomer" | "getCustomer"> {
  return {
    createCustomer: (request, context) => createCustomer(ctx, requirePrincipal(context), request),
    updateCustomer: (request, context) => updateCustomer(ctx, requirePrincipal(context), request),
    async getCustomer(request, context) {
      return create(GetCustomerResponseSchema, {
        customer: await getCustomer(ctx, requirePrincipal(context), request.customerId),
      });
    },
  };
}
