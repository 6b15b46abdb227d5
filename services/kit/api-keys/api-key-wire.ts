import { create } from "@bufbuild/protobuf";
import { type ApiKey, ApiKeySchema } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { optionalTimestamp } from "../wire/index.js";
import type { ApiKeyRow } from "./api-key-store.js";

/** A stored key as the contract's `ApiKey` (never with its secret or hash). */
export function toApiKey(row: ApiKeyRow): ApiKey {
  return create(ApiKeySchema, {
    keyId: row.key_id,
    brandId: row.brand_id,
    name: row.name,
    role: row.role === "brand" ? Role.BRAND : Role.PARTNER,
    createTime: optionalTimestamp(row.created_at),
    expireTime: optionalTimestamp(row.expires_at),
    revokeTime: optionalTimestamp(row.revoked_at),
    lastUsedTime: optionalTimestamp(row.last_used_at),
    createdBy: row.created_by,
  });
}
