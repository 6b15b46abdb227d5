import type { DescService } from "@bufbuild/protobuf";
import { type Client, createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { bearerTokenInterceptor, type TokenSource } from "./bearer-token.js";
import { type RateLimitRetryOptions, rateLimitRetryInterceptor } from "./rate-limit-retry.js";
import { tracePropagationInterceptor } from "./trace-propagation.js";

/** Typed clients of the five Waybill services. */
export interface Waybill {
  readonly inventory: Client<typeof InventoryService>;
  readonly orders: Client<typeof OrderService>;
  readonly fleet: Client<typeof FleetService>;
  readonly campaigns: Client<typeof CampaignService>;
  readonly notifications: Client<typeof NotificationService>;
}

/** Options common to every runtime. */
export interface WaybillOptions {
  /** Where Waybill listens, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** Bearer token (see `npm run token`), or a function returning the current one. */
  readonly token?: TokenSource;
  /** Extra interceptors, run after the SDK's own. */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Retries of calls refused by the server's rate limit, after the wait it asks for (default 3
   * attempts, waits up to 10 s); `false` throws the refusal at once.
   */
  readonly rateLimitRetry?: RateLimitRetryOptions | false;
}

/** The interceptors every SDK transport installs. */
export function sdkInterceptors(options: WaybillOptions): Interceptor[] {
  // The client span outermost: one span for a call, its rate-limit retries included.
  return [
    tracePropagationInterceptor(),
    ...(options.rateLimitRetry === false ? [] : [rateLimitRetryInterceptor(options.rateLimitRetry)]),
    ...(options.token ? [bearerTokenInterceptor(options.token)] : []),
    ...(options.interceptors ?? []),
  ];
}

/**
 * Builds the five clients over one transport, or over a transport chosen per service (for
 * deployments where the services answer at different addresses).
 */
export function createWaybillClients(transport: Transport | ((service: DescService) => Transport)): Waybill {
  const pick = typeof transport === "function" ? transport : () => transport;
  return {
    inventory: createClient(InventoryService, pick(InventoryService)),
    orders: createClient(OrderService, pick(OrderService)),
    fleet: createClient(FleetService, pick(FleetService)),
    campaigns: createClient(CampaignService, pick(CampaignService)),
    notifications: createClient(NotificationService, pick(NotificationService)),
  };
}
