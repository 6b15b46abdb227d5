import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetBrandContactResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { getBrandContact, type NotificationsContext, setBrandContact } from "../operations/index.js";
import { toBrandContact } from "../wire/index.js";

/** SetBrandContact and GetBrandContact: where a brand's stock emails go. */
export function createContactHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "setBrandContact" | "getBrandContact"> {
  return {
    async setBrandContact(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      return setBrandContact(ctx, request);
    },

    async getBrandContact(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const contact = await getBrandContact(ctx, request.brandId);
      return create(GetBrandContactResponseSchema, { contact: toBrandContact(contact) });
    },
  };
}
