import { create } from "@bufbuild/protobuf";
import { CustomerCreatedSchema, CustomerUpdatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type CreateCustomerRequest,
  CreateCustomerRequestSchema,
  type CreateCustomerResponse,
  CreateCustomerResponseSchema,
  type UpdateCustomerRequest,
  UpdateCustomerRequestSchema,
  type UpdateCustomerResponse,
  UpdateCustomerResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { alreadyExists, DomainError, notFound, permissionDenied } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { assertActsForCustomer } from "../domain/index.js";
import { toCustomer } from "../handlers/messages.js";
import { emailTaken, findCustomer, insertCustomer, updateCustomer as writeCustomer } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a customer and publishes CustomerCreated (the welcome email follows). A customer
 * creates their own profile: the id is their token's subject. The email is unique among
 * customers, compared case-insensitively.
 */
export async function createCustomer(
  ctx: OrdersContext,
  principal: Principal,
  request: CreateCustomerRequest,
): Promise<CreateCustomerResponse> {
  let customerId = request.customerId || crypto.randomUUID();
  if (principal.role === "customer") {
    if (request.customerId && request.customerId !== principal.subject)
      throw permissionDenied("a customer may create only their own profile");
    if (!UUID.test(principal.subject))
      throw new DomainError(
        "invalid_argument",
        "the subject of a customer token must be a UUID to become a customer id",
      );
    customerId = principal.subject;
  }
  const scope = `CreateCustomer/${principal.role}/${principal.subject}`;
  return ctx.db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      { scope, key: request.idempotencyKey, requestSchema: CreateCustomerRequestSchema, request },
      CreateCustomerResponseSchema,
      async () => {
        const now = new Date();
        const row = {
          customer_id: customerId,
          name: request.name,
          email: request.email,
          phone: request.phone,
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
    ),
  );
}

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
        const row = await writeCustomer(trx, request.customerId, { ...wanted, updated_at: new Date() }).catch(
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

/** Reads a customer; a customer may read only their own profile. */
export async function getCustomer(ctx: OrdersContext, principal: Principal, customerId: string) {
  assertActsForCustomer(principal, customerId);
  const row = await findCustomer(ctx.db, customerId);
  if (!row) throw notFound(`customer ${customerId} does not exist`);
  return toCustomer(row);
}
