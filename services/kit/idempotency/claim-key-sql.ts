import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { type RawBuilder, sql } from "kysely";
import { assertSchemaName } from "../database/index.js";
import { requestFingerprint } from "./request-fingerprint.js";
import type { StoredRefusal } from "./stored-refusal.js";

/** The key part of a claim: where it is stored and the request it answers. */
interface KeyOf<Req extends DescMessage> {
  /** The schema whose `idempotency` table holds the key. */
  readonly schema: string;
  readonly scope: string;
  readonly key: string;
  readonly requestSchema: Req;
  readonly request: MessageShape<Req>;
}

/** An idempotency key claimed together with its answer, in one statement of the caller's. */
export interface KeyClaim<Req extends DescMessage, Res extends DescMessage> extends KeyOf<Req> {
  readonly responseSchema: Res;
  /** The answer stored with the key, which a retry replays (see {@link runIdempotent}). */
  readonly response: MessageShape<Res>;
}

/** An idempotency key claimed together with a definitive refusal, which a retry gets again. */
export interface KeyRefusalClaim<Req extends DescMessage> extends KeyOf<Req> {
  readonly refusal: StoredRefusal;
}

/** Options of the claim statements. */
export interface ClaimOptions {
  /**
   * The name of a CTE of the caller's statement: the key is claimed only if it returns a row
   * (e.g. a fence proving that the request may still commit).
   */
  readonly onlyIf?: string;
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
  options: ClaimOptions = {},
): RawBuilder<{ key: string }> {
  const response = Buffer.from(toBinary(claim.responseSchema, claim.response));
  return claimSql(claim, sql`${response}::bytea, null::jsonb`, options);
}

/**
 * Like {@link claimKeySql}, for a definitive refusal: the key then answers the refusal forever
 * (see {@link isDefinitiveRefusal}). If the claim loses, the key holds another answer (a success
 * stored first wins) and the caller answers that instead, so a refusal is only ever answered when
 * it is the key's stored answer.
 */
export function claimRefusalSql<Req extends DescMessage>(
  claim: KeyRefusalClaim<Req>,
  options: ClaimOptions = {},
): RawBuilder<{ key: string }> {
  return claimSql(claim, sql`null::bytea, ${JSON.stringify(claim.refusal)}::jsonb`, options);
}

function claimSql<Req extends DescMessage>(
  claim: KeyOf<Req>,
  answer: RawBuilder<unknown>,
  options: ClaimOptions,
): RawBuilder<{ key: string }> {
  assertSchemaName(claim.schema);
  const requestHash = requestFingerprint(claim.requestSchema, claim.request);
  const source = options.onlyIf === undefined ? sql`` : sql`from ${sql.table(options.onlyIf)}`;
  return sql<{
    key: string;
  }>`insert into ${sql.table(`${claim.schema}.idempotency`)} (scope, key, request_hash, response, refusal)
    select ${claim.scope}::text, ${claim.key}::text, ${requestHash}::text, ${answer} ${source}
    on conflict do nothing
    returning key`;
}
