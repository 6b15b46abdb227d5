import { create } from "@bufbuild/protobuf";
import { CustomerCreatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type CreateCustomerRequest,
  CreateCustomerRequestSchema,
  type CreateCustomerResponse,
  CreateCustomerResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { alreadyExists } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { customerCreatorBrand, newCustomerId } from "../domain/index.js";
import { insertCustomer } from "../storage/index.js";
import { toCustomer } from "../wire/index.js";
import type { OrdersContext } from "./orders-context.js";

/**
 * Records a customer and publishes CustomerCreated (the welcome email follows). A customer
 * creates their own profile: the id is their token's subject. A partner creates a customer of its
 * brand (recorded as `created_by_brand`, which lets it read the customer and place their orders)
 * under an id chosen here. The email is unique among customers, compared case-insensitively.
 */
export async function createCustomer(
  ctx: OrdersContext,
  principal: Principal,
  request: CreateCustomerRequest,
): Promise<CreateCustomerResponse> {
  const customerId = newCustomerId(principal, request.customerId, () => crypto.randomUUID());
  const scope = `CreateCustomer/${principal.role}/${principal.subject}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: CreateCustomerRequestSchema, request },
    CreateCustomerResponseSchema,
    async (trx) => {
      const now = ctx.now();
      const row = {
        customer_id: customerId,
        name: request.name,
        email: request.email,
        phone: request.phone,
        created_by_brand: customerCreatorBrand(principal),
        created_at: now,
        updated_at: now,
      };
      const inserted = await insertCustomer(trx, row);
      if (inserted === "id_taken") throw alreadyExists(`customer ${customerId} already exists`);
      if (inserted === "email_taken") throw alreadyExists(`another customer has the email ${request.email}`);
      const customer = toCustomer(inserted);
      await ctx.outbox.append(trx, {
        schema: CustomerCreatedSchema,
        payload: create(CustomerCreatedSchema, { customer }),
        aggregateId: customerId,
        tenant: "",
      });
      return create(CreateCustomerResponseSchema, { customer });
    },
  );
}
