import { create } from "@bufbuild/protobuf";
import {
  type RevokeApiKeyRequest,
  type RevokeApiKeyResponse,
  RevokeApiKeyResponseSchema,
} from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { mayActForBrand, type Principal } from "../auth/index.js";
import { notFound } from "../errors/index.js";
import { assertMayManageKeys } from "./api-key-rules.js";
import { findApiKey, revokeApiKeyRow } from "./api-key-store.js";
import { toApiKey } from "./api-key-wire.js";
import type { ApiKeys } from "./api-keys.js";

/**
 * Revokes a key of the caller's brand (any brand's for an operator) and drops it from this
 * process's cache, so its next call here is refused; other processes refuse it once their cache
 * entry lapses. Another brand's key is NOT_FOUND, the answer for an unknown id.
 */
export async function revokeApiKey(
  keys: ApiKeys,
  principal: Principal,
  request: RevokeApiKeyRequest,
): Promise<RevokeApiKeyResponse> {
  assertMayManageKeys(principal);
  const existing = await findApiKey(keys.db, request.keyId);
  if (!existing || !mayActForBrand(principal, existing.brand_id)) {
    throw notFound(`API key ${request.keyId} does not exist`);
  }
  const revoked = await revokeApiKeyRow(keys.db, request.keyId, keys.now());
  keys.verifier.forget(request.keyId);
  if (!revoked) throw notFound(`API key ${request.keyId} does not exist`);
  return create(RevokeApiKeyResponseSchema, { apiKey: toApiKey(revoked) });
}
