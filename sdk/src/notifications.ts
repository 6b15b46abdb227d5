/**
 * `@waybill/sdk/notifications`: everything a caller of the Notifications service needs, from one import:
 * its messages (types and `…Schema`s), enums, event payloads (webhook bodies), the
 * `NotificationService` descriptor, and the shared Waybill messages its fields use (`Money`,
 * `PageRequest`, `SortDirection`, `EventEnvelope`). One entry point per service, because two
 * services may name a message alike.
 *
 * @example
 * import { EventEnvelopeSchema, NotificationChannel } from "@waybill/sdk/notifications";
 *
 * @module @waybill/sdk/notifications
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";

export * from "@waybill/contracts/waybill/common/v1/event_pb.js";
export * from "@waybill/contracts/waybill/common/v1/money_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
export * from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
export * from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";

/** A typed client of the Notifications service. */
export type NotificationClient = Client<typeof NotificationService>;

/**
 * A client of the Notifications service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries, deadline and idempotency keys.
 * Lighter than `createWaybill` in a browser bundle that needs one service.
 */
export function createNotificationClient(transport: Transport): NotificationClient {
  return createClient(NotificationService, transport);
}
