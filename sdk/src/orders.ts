/**
 * `@waybill/sdk/orders`: everything a caller of the Orders service needs, from one import:
 * its messages (types and `…Schema`s), enums, event payloads (webhook bodies), the
 * `OrderService` descriptor, and the shared Waybill messages its fields use (`Money`,
 * `PageRequest`, `SortDirection`, `EventEnvelope`). One entry point per service, because two
 * services may name a message alike.
 *
 * @example
 * import { OrderSchema, OrderStatus, type Order } from "@waybill/sdk/orders";
 *
 * @module @waybill/sdk/orders
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

// Orders record the role of whoever moved an order (`actor_role`).
export { Role, RoleSchema } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
export * from "@waybill/contracts/waybill/common/v1/event_pb.js";
export * from "@waybill/contracts/waybill/common/v1/money_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
export * from "@waybill/contracts/waybill/orders/v1/events_pb.js";
export * from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/** A typed client of the Orders service. */
export type OrderClient = Client<typeof OrderService>;

/**
 * A client of the Orders service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries, deadline and idempotency keys.
 * Lighter than `createWaybill` in a browser bundle that needs one service.
 */
export function createOrderClient(transport: Transport): OrderClient {
  return createClient(OrderService, transport);
}
