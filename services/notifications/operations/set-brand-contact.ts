import { create } from "@bufbuild/protobuf";
import {
  type SetBrandContactRequest,
  SetBrandContactRequestSchema,
  type SetBrandContactResponse,
  SetBrandContactResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { saveBrandContact } from "../storage/index.js";
import { toBrandContact } from "../wire/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Sets (or replaces) where a brand's stock emails go, once per idempotency key: a retry of the
 * same request gets the first answer again.
 */
export async function setBrandContact(
  ctx: NotificationsContext,
  request: SetBrandContactRequest,
): Promise<SetBrandContactResponse> {
  const scope = `SetBrandContact/${request.brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: SetBrandContactRequestSchema, request },
    SetBrandContactResponseSchema,
    async (trx) => {
      const contact = await saveBrandContact(trx, {
        brand_id: request.brandId,
        email: request.email,
        name: request.name,
        updated_at: ctx.now(),
      });
      return create(SetBrandContactResponseSchema, { contact: toBrandContact(contact) });
    },
  );
}
