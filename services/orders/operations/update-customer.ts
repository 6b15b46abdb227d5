import { create } from "@bufbuild/protobuf";
import { CustomerUpdatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type UpdateCustomerRequest,
  UpdateCustomerRequestSchema,
  type UpdateCustomerResponse,
  UpdateCustomerResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { alreadyExists, notFound } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { assertActsForCustomer } from "../domain/index.js";
import { emailTaken, findCustomer, updateCustomer as writeCustomer } from "../storage/index.js";
import { toCustomer } from "../wire/index.js";
import type { OrdersContext } from "./orders-context.js";

/**
 * Changes the name, email or phone named in the update mask and publishes CustomerUpdated with
 * the fields that actually changed. A customer may change only their own profile.
 */
export async function updateCustomer(
  ctx: OrdersContext,
  principal: Principal,
  request: UpdateCustomerRequest,
): Promise<UpdateCustomerResponse> {
  assertActsForCustomer(principal, request.customerId);
  const scope = `UpdateCustomer/${request.customerId}`;
  const paths = new Set(request.updateMask?.paths ?? []);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findCustomer(trx, request.customerId, { lock: true });
    if (!current) throw notFound(`customer ${request.customerId} does not exist`);
    return runIdempotent(
      trx,
      { scope, key: request.idempotencyKey, requestSchema: UpdateCustomerRequestSchema, request },
      UpdateCustomerResponseSchema,
      async () => {
        const wanted = {
          ...(paths.has("name") ? { name: request.name } : {}),
          ...(paths.has("email") ? { email: request.email } : {}),
          ...(paths.has("phone") ? { phone: request.phone } : {}),
        };
        const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter(
          (field) => wanted[field] !== current[field],
        );
        if (changed.length === 0) return create(UpdateCustomerResponseSchema, { customer: toCustomer(current) });
        if (changed.includes("email") && (await emailTaken(trx, request.email, request.customerId))) {
          throw alreadyExists(`another customer has the email ${request.email}`);
        }
        const row = await writeCustomer(trx, request.customerId, { ...wanted, updated_at: ctx.now() }).catch(
          (error: unknown) => {
            if ((error as { code?: unknown }).code === "23505")
              throw alreadyExists(`another customer has the email ${request.email}`);
            throw error;
          },
        );
        const customer = toCustomer(row);
        const payload = create(CustomerUpdatedSchema, { customer, changedFields: changed });
        await ctx.outbox.append(trx, {
          schema: CustomerUpdatedSchema,
          payload,
          aggregateId: row.customer_id,
          tenant: "",
        });
        return create(UpdateCustomerResponseSchema, { customer });
      },
    );
  });
}
