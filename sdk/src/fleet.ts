/**
 * `@waybill/sdk/fleet`: everything a caller of the Fleet service needs, from one import:
 * its messages (types and `…Schema`s), enums, event payloads (webhook bodies), the
 * `FleetService` descriptor, and the shared Waybill messages its fields use (`Money`,
 * `PageRequest`, `SortDirection`, `EventEnvelope`). One entry point per service, because two
 * services may name a message alike.
 *
 * @example
 * import { CourierKind, type Courier } from "@waybill/sdk/fleet";
 *
 * @module @waybill/sdk/fleet
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";

export * from "@waybill/contracts/waybill/common/v1/event_pb.js";
export * from "@waybill/contracts/waybill/common/v1/money_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
export * from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
export * from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
// Assignments carry the order's delivery address, a message of the Orders contract.
export { type DeliveryAddress, DeliveryAddressSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/** A typed client of the Fleet service. */
export type FleetClient = Client<typeof FleetService>;

/**
 * A client of the Fleet service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries, deadline and idempotency keys.
 * Lighter than `createWaybill` in a browser bundle that needs one service.
 */
export function createFleetClient(transport: Transport): FleetClient {
  return createClient(FleetService, transport);
}
