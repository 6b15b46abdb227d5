import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetBrandContactResponseSchema,
  type NotificationService,
  SetBrandContactRequestSchema,
  SetBrandContactResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { toBrandContact } from "../operations/notification-messages.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { findBrandContact, saveBrandContact } from "../storage/index.js";

/** SetBrandContact and GetBrandContact: where a brand's stock emails go. */
export function createContactHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "setBrandContact" | "getBrandContact"> {
  return {
    async setBrandContact(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const scope = `SetBrandContact/${request.brandId}`;
      return ctx.db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: SetBrandContactRequestSchema, request },
          SetBrandContactResponseSchema,
          async () => {
            const contact = await saveBrandContact(trx, {
              brand_id: request.brandId,
              email: request.email,
              name: request.name,
              updated_at: ctx.now(),
            });
            return create(SetBrandContactResponseSchema, { contact: toBrandContact(contact) });
          },
        ),
      );
    },

    async getBrandContact(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const contact = await findBrandContact(ctx.db, request.brandId);
      if (!contact) throw notFound(`brand ${request.brandId} has no contact - set one with SetBrandContact`);
      return create(GetBrandContactResponseSchema, { contact: toBrandContact(contact) });
    },
  };
}
