/**
 * `@waybill/sdk/inventory`: everything a caller of the Inventory service needs, from one import:
 * its messages (types and `…Schema`s), enums, event payloads (webhook bodies), the
 * `InventoryService` descriptor, and the shared Waybill messages its fields use (`Money`,
 * `PageRequest`, `SortDirection`, `EventEnvelope`). One entry point per service, because two
 * services may name a message alike.
 *
 * @example
 * import { LedgerReason, type StockLevel } from "@waybill/sdk/inventory";
 *
 * @module @waybill/sdk/inventory
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";

export * from "@waybill/contracts/waybill/common/v1/event_pb.js";
export * from "@waybill/contracts/waybill/common/v1/money_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
export * from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
export * from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";

/** A typed client of the Inventory service. */
export type InventoryClient = Client<typeof InventoryService>;

/**
 * A client of the Inventory service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries, deadline and idempotency keys.
 * Lighter than `createWaybill` in a browser bundle that needs one service.
 */
export function createInventoryClient(transport: Transport): InventoryClient {
  return createClient(InventoryService, transport);
}
