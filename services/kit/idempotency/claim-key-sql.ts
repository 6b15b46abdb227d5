import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { type RawBuilder, sql } from "kysely";
import { assertSchemaName } from "../database/index.js";
import { requestFingerprint } from "./request-fingerprint.js";

/** An idempotency key claimed together with its answer, in one statement of the caller's. */
export interface KeyClaim<Req extends DescMessage, Res extends DescMessage> {
  /** The schema whose `idempotency` table holds the key. */
  readonly schema: string;
  readonly scope: string;
  readonly key: string;
  readonly requestSchema: Req;
  readonly request: MessageShape<Req>;
  readonly responseSchema: Res;
  /** The answer stored with the key, which a retry replays (see {@link runIdempotent}). */
  readonly response: MessageShape<Res>;
}

/**
 * The `insert` claiming a key with its answer already stored, in exactly the form
 * {@link runIdempotent} reads, for a hot path that records its change in one statement: it
 * returns the key when this statement claimed it and nothing when a concurrent request did (which
 * then blocks on the key's row until that request commits). Use it as a CTE and make the change's
 * other inserts select `from` it, so they happen only with the claim.
 *
 * @example
 * sql`with claim as (${claimKeySql({ schema: "orders", scope, key, requestSchema, request, responseSchema, response })}),
 *   new_order as (insert into orders.orders (...) select ... from claim)
 *   select key from claim`
 */
export function claimKeySql<Req extends DescMessage, Res extends DescMessage>(
  claim: KeyClaim<Req, Res>,
): RawBuilder<{ key: string }> {
  assertSchemaName(claim.schema);
  const requestHash = requestFingerprint(claim.requestSchema, claim.request);
  const response = Buffer.from(toBinary(claim.responseSchema, claim.response));
  return sql<{
    key: string;
  }>`insert into ${sql.table(`${claim.schema}.idempotency`)} (scope, key, request_hash, response)
    values (${claim.scope}, ${claim.key}, ${requestHash}, ${response})
    on conflict do nothing
    returning key`;
}
