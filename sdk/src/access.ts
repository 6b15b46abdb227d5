/**
 * `@waybill/sdk/access`: API keys, the credentials of partner integrations. Its messages (types
 * and `…Schema`s), the `ApiKeyService` descriptor and a client of that service alone. An admin
 * issues keys for any brand, a brand (signed in with its token, not with a key) for itself; the
 * secret is shown once, in `issueApiKey`'s answer, and is then sent as the `token` of any client.
 *
 * @example
 * const { apiKey, secret } = await waybill.apiKeys.issueApiKey({ brandId: "acme", name: "shop" });
 * const partner = createWaybill({ baseUrl, token: secret });
 *
 * @module @waybill/sdk/access
 */
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";

export * from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
// A key acts as a partner or as its brand (`role`).
export { Role, RoleSchema } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
export * from "@waybill/contracts/waybill/common/v1/pagination_pb.js";

/** A typed client of the API key service. */
export type ApiKeyClient = Client<typeof ApiKeyService>;

/**
 * A client of the API key service alone, over a transport you build: give the transport
 * `sdkInterceptors(options)` for the SDK's token, retries and deadline.
 */
export function createApiKeyClient(transport: Transport): ApiKeyClient {
  return createClient(ApiKeyService, transport);
}
