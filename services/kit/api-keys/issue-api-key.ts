import { create } from "@bufbuild/protobuf";
import {
  type IssueApiKeyRequest,
  type IssueApiKeyResponse,
  IssueApiKeyResponseSchema,
} from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { assertBrandAccess, type Principal } from "../auth/index.js";
import { optionalDate } from "../wire/index.js";
import { formatApiKeyCredential, hashApiKeySecret, newApiKeyCredential } from "./api-key-credential.js";
import { apiKeyRoleOf, assertExpiryAcceptable, assertMayManageKeys } from "./api-key-rules.js";
import { insertApiKey } from "./api-key-store.js";
import { toApiKey } from "./api-key-wire.js";
import type { ApiKeys } from "./api-keys.js";

/**
 * Creates a key of the requested brand and answers it with its credential, which is stored only
 * as a hash and never shown again (nor logged: the logging interceptor logs no messages).
 */
export async function issueApiKey(
  keys: ApiKeys,
  principal: Principal,
  request: IssueApiKeyRequest,
): Promise<IssueApiKeyResponse> {
  assertMayManageKeys(principal);
  assertBrandAccess(principal, request.brandId);
  const now = keys.now();
  const expiresAt = optionalDate(request.expireTime);
  assertExpiryAcceptable(expiresAt, now);
  const credential = newApiKeyCredential();
  const row = {
    key_id: credential.keyId,
    secret_sha256: hashApiKeySecret(credential.secret),
    brand_id: request.brandId,
    name: request.name,
    role: apiKeyRoleOf(request.role),
    created_by: principal.subject,
    created_at: now,
    expires_at: expiresAt ?? null,
    revoked_at: null,
    last_used_at: null,
  };
  await insertApiKey(keys.db, row);
  return create(IssueApiKeyResponseSchema, { apiKey: toApiKey(row), secret: formatApiKeyCredential(credential) });
}
