import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { NotificationRow, NotificationsDatabase } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Writes an event about a notification (tenant: its brand) to the outbox in `trx`. */
export async function emitNotificationEvent<Desc extends DescMessage>(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  row: NotificationRow,
  schema: Desc,
  payload: MessageInitShape<Desc>,
): Promise<void> {
  await ctx.outbox.append(trx, {
    schema,
    payload: create(schema, payload),
    aggregateId: row.notification_id,
    tenant: row.brand_id,
  });
}
