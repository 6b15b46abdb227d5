import type { PageRequest } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import type { ActivityScope } from "../domain/index.js";
import { type ActivityRow, listActivity as readActivity } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * One page of a feed, newest first, by sequence. The page token is bound to the feed: a token of
 * another feed is INVALID_ARGUMENT.
 */
export async function listActivity(
  ctx: NotificationsContext,
  scope: ActivityScope,
  page: PageRequest | undefined,
): Promise<Page<ActivityRow>> {
  const cursor = sortCursor({ sequence: cursorFields.integer }, JSON.stringify(scope));
  const after = cursor.decode(page?.pageToken);
  return readPage(
    page,
    (limit) => readActivity(ctx.db, { ...scope, ...(after ? { before: after.sequence } : {}), limit }),
    (last) => cursor.encode({ sequence: last.sequence }),
  );
}
