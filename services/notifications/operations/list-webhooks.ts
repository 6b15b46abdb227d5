import type { PageRequest } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import { listWebhooks as readWebhooks, type WebhookRow } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * One page of live webhooks, oldest first: one brand's, or every brand's (`undefined`, operators).
 * The page token is bound to the brand: a token of another list is INVALID_ARGUMENT.
 */
export async function listWebhooks(
  ctx: NotificationsContext,
  brandId: string | undefined,
  page: PageRequest | undefined,
): Promise<Page<WebhookRow>> {
  const cursor = sortCursor({ created: cursorFields.time, id: cursorFields.uuid }, brandId ?? "");
  const after = cursor.decode(page?.pageToken);
  return readPage(
    page,
    (limit) =>
      readWebhooks(ctx.db, {
        ...(brandId ? { brandId } : {}),
        ...(after ? { after: { createdAt: after.created, webhookId: after.id } } : {}),
        limit,
      }),
    (last) => cursor.encode({ created: last.created_at, id: last.webhook_id }),
  );
}
