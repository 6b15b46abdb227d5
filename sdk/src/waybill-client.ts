import type { DescService } from "@bufbuild/protobuf";
import { type Client, createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { bearerTokenInterceptor, type TokenSource } from "./bearer-token.js";
import { deadlineInterceptor } from "./deadline-interceptor.js";
import { idempotencyKeyInterceptor } from "./idempotency-key.js";
import type { RateLimitRetryOptions } from "./rate-limit-retry.js";
import { retryInterceptor } from "./retry-interceptor.js";
import type { RetryOptions } from "./retry-policy.js";
import { retrySettings } from "./retry-settings.js";
import { tracePropagationInterceptor } from "./trace-propagation.js";
import { userAgentInterceptor } from "./user-agent.js";

/** Typed clients of the five Waybill services, and of the API keys that partners sign in with. */
export interface Waybill {
  readonly inventory: Client<typeof InventoryService>;
  readonly orders: Client<typeof OrderService>;
  readonly fleet: Client<typeof FleetService>;
  readonly campaigns: Client<typeof CampaignService>;
  readonly notifications: Client<typeof NotificationService>;
  /** Issue, list and revoke API keys (admins for any brand, brands for their own). */
  readonly apiKeys: Client<typeof ApiKeyService>;
}

/** Options common to every runtime. */
export interface WaybillOptions {
  /** Where Waybill listens, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** Bearer token (see `npm run token`), or a function returning the current one. */
  readonly token?: TokenSource;
  /** Extra interceptors, run after the SDK's own (once per attempt when a call is retried). */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Retries of unary calls: reads and mutations with an idempotency key after UNAVAILABLE or
   * DEADLINE_EXCEEDED (exponential backoff with jitter), any call refused by the rate limit after
   * the wait it asks for. Default 3 attempts, first wait 200 ms, waits up to 10 s; `false` retries
   * nothing.
   */
  readonly retry?: RetryOptions | false;
  /**
   * Retries of calls refused by the server's rate limit, after the wait it asks for (default: as
   * `retry`); `false` throws the refusal at once.
   *
   * @deprecated Use `retry`; `rateLimitRetry: false` still turns off rate-limit retries alone.
   */
  readonly rateLimitRetry?: RateLimitRetryOptions | false;
  /**
   * Deadline of a unary call that sets no `timeoutMs` of its own, retries included (default
   * 30,000 ms; 0 for none). Streams have none unless they set `timeoutMs`.
   */
  readonly defaultTimeoutMs?: number;
}

/** The interceptors every SDK transport installs. */
export function sdkInterceptors(options: WaybillOptions): Interceptor[] {
  // The client span outermost: one span for a call, its retries included. The deadline and the
  // idempotency key outside the retries: one deadline and one key for all attempts of a call.
  return [
    tracePropagationInterceptor(),
    userAgentInterceptor(),
    deadlineInterceptor(options.defaultTimeoutMs),
    idempotencyKeyInterceptor(),
    retryInterceptor(retrySettings(options.retry, options.rateLimitRetry)),
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
    apiKeys: createClient(ApiKeyService, pick(ApiKeyService)),
  };
}
