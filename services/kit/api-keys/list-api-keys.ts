import { create } from "@bufbuild/protobuf";
import {
  type ListApiKeysRequest,
  type ListApiKeysResponse,
  ListApiKeysResponseSchema,
} from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { type Principal, scopeBrand } from "../auth/index.js";
import { cursorFields, readPage, sortCursor } from "../pagination/index.js";
import { assertMayManageKeys } from "./api-key-rules.js";
import { listApiKeyRows } from "./api-key-store.js";
import { toApiKey } from "./api-key-wire.js";
import type { ApiKeys } from "./api-keys.js";

// Key ids are hex, not UUIDs: read back as text, they only ever reach a bound parameter.
const keyIdField = cursorFields.text;

/** One page of keys, newest first: a brand's own, or every brand's for an operator asking so. */
export async function listApiKeys(
  keys: ApiKeys,
  principal: Principal,
  request: ListApiKeysRequest,
): Promise<ListApiKeysResponse> {
  assertMayManageKeys(principal);
  const brandId = scopeBrand(principal, request.brandId);
  const cursor = sortCursor(
    { createdAt: cursorFields.time, keyId: keyIdField },
    JSON.stringify(["api-keys", brandId ?? null, request.includeRevoked]),
  );
  const after = cursor.decode(request.page?.pageToken);
  const page = await readPage(
    request.page,
    (limit) => listApiKeyRows(keys.db, { brandId, includeRevoked: request.includeRevoked, after, limit }),
    (last) => cursor.encode({ createdAt: last.created_at, keyId: last.key_id }),
  );
  return create(ListApiKeysResponseSchema, {
    apiKeys: page.rows.map(toApiKey),
    page: { nextPageToken: page.nextPageToken },
  });
}
