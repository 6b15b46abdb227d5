import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { ActivityEntrySchema, ListActivityResponseSchema, NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Kysely } from "kysely";
import { permissionDenied } from "../../kit/errors/index.js";
import { requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { listActivity } from "../storage/activity-store.js";
import type { NotificationsDatabase } from "../storage/notifications-database.js";

/** What the notification handlers need. */
export interface NotificationHandlerDeps {
  readonly db: Kysely<NotificationsDatabase>;
}

/** The `NotificationService` RPCs implemented so far. */
export function createNotificationHandlers({ db }: NotificationHandlerDeps): Partial<ServiceImpl<typeof NotificationService>> {
  return {
    async listActivity(request, context) {
      const principal = requirePrincipal(context);
      let brandId: string | undefined;
      let customerId = request.customerId;
      if (principal.role === "customer") {
        if (customerId && customerId !== principal.subject) throw permissionDenied("a customer may only read their own activity");
        customerId = principal.subject;
      } else {
        brandId = scopeBrand(principal, request.brandId);
      }
      const limit = pageSize(request.page?.pageSize);
      const cursor = decodeCursor(request.page?.pageToken ?? "", ["sequence"]);
      const rows = await listActivity(db, {
        ...(brandId ? { brandId } : {}),
        ...(customerId ? { customerId } : {}),
        ...(request.orderId ? { orderId: request.orderId } : {}),
        ...(cursor ? { before: Number(cursor.sequence) } : {}),
        limit,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return create(ListActivityResponseSchema, {
        entries: page.map((row) =>
          create(ActivityEntrySchema, {
            sequence: BigInt(row.sequence),
            brandId: row.brand_id,
            customerId: row.customer_id,
            orderId: row.order_id,
            eventId: row.event_id,
            eventType: row.event_type,
            aggregateId: row.aggregate_id,
            summary: row.summary,
            eventTime: timestampFromDate(row.event_time),
          }),
        ),
        page: { nextPageToken: rows.length > limit && last ? encodeCursor({ sequence: last.sequence }) : "" },
      });
    },
  };
}
