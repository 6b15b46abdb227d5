import type { ServiceImpl } from "@connectrpc/connect";
import type { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { requirePrincipal } from "../auth/index.js";
import type { ApiKeys } from "./api-keys.js";
import { issueApiKey } from "./issue-api-key.js";
import { listApiKeys } from "./list-api-keys.js";
import { revokeApiKey } from "./revoke-api-key.js";

/**
 * The RPCs of `waybill.access.v1.ApiKeyService`, for the service that serves them (Orders).
 *
 * @example
 * return { implementation, workers, services: [{ descriptor: ApiKeyService, implementation: createApiKeyHandlers(deps.apiKeys) }] };
 */
export function createApiKeyHandlers(keys: ApiKeys): Partial<ServiceImpl<typeof ApiKeyService>> {
  return {
    issueApiKey: (request, context) => issueApiKey(keys, requirePrincipal(context), request),
    listApiKeys: (request, context) => listApiKeys(keys, requirePrincipal(context), request),
    revokeApiKey: (request, context) => revokeApiKey(keys, requirePrincipal(context), request),
  };
}
