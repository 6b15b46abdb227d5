/**
 * `@waybill/sdk/campaigns`: everything a caller of the Campaigns service needs, from one import:
 * its messages (types and `…Schema`s), enums, event payloads (webhook bodies), the
 * `CampaignService` descriptor, and the shared Waybill messages its fields use (`Money`,
 * `PageRequest`, `SortDirection`, `EventEnvelope`). One entry point per service, because two
 * services may name a message alike.
 *
 * @example
 * import { CampaignStatus, type Campaign } from "@waybill/sdk/campaigns";
 *
 * @module @waybill/sdk/campaigns
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";

export * from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
export * from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
export * from "@waybill/contracts/waybill/common/v1/event_pb.js";
export * from "@waybill/contracts/waybill/common/v1/money_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";

/** A typed client of the Campaigns service. */
export type CampaignClient = Client<typeof CampaignService>;

/**
 * A client of the Campaigns service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries, deadline and idempotency keys.
 * Lighter than `createWaybill` in a browser bundle that needs one service.
 */
export function createCampaignClient(transport: Transport): CampaignClient {
  return createClient(CampaignService, transport);
}
