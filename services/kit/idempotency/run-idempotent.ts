import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { AnyDatabase } from "../database/index.js";
import type { IdempotencyTable } from "./idempotency-table.js";
import { answerOf, readStoredAnswer } from "./read-stored-answer.js";
import { requestFingerprint } from "./request-fingerprint.js";

/** A database that has the kit's `idempotency` table. */
export interface IdempotentDatabase {
  readonly idempotency: IdempotencyTable;
}

/** What identifies one idempotent request. */
export interface IdempotentRequest<Req extends DescMessage> {
  /** Who and what the key is scoped to, e.g. `AdjustStock:acme`; keys of other scopes never collide. */
  readonly scope: string;
  /** The client's idempotency key. */
  readonly key: string;
  /** The request, fingerprinted so the same key with another request is refused. */
  readonly requestSchema: Req;
  readonly request: MessageShape<Req>;
}

/**
 * Runs `work` at most once per (scope, key) and replays its answer on a retry, inside the
 * caller's transaction (so the stored answer commits or rolls back with the change).
 *
 * The key row is inserted first: a concurrent retry blocks on the primary key until the first
 * transaction ends, then finds the stored answer — one change, never two. A refusal stored under
 * the key (see {@link withStoredRefusals}, `claimRefusalSql`) is thrown again.
 *
 * @example
 * const response = await runIdempotent(trx, { scope, key, requestSchema, request }, ResponseSchema,
 *   () => adjust(trx, ...));
 */
export async function runIdempotent<Req extends DescMessage, Res extends DescMessage>(
  transaction: AnyDatabase,
  request: IdempotentRequest<Req>,
  responseSchema: Res,
  work: () => Promise<MessageShape<Res>>,
): Promise<MessageShape<Res>> {
  // Every service schema holds `idempotency` (the app adds its migration).
  const trx: Kysely<IdempotentDatabase> = transaction;
  const requestHash = requestFingerprint(request.requestSchema, request.request);
  const claimed = await trx
    .insertInto("idempotency")
    .values({ scope: request.scope, key: request.key, request_hash: requestHash, response: null })
    .onConflict((oc) => oc.doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!claimed) {
    const stored = await readStoredAnswer(trx, request, responseSchema);
    if (stored.kind !== "none") return answerOf(stored);
  }
  const response = await work();
  await trx
    .updateTable("idempotency")
    .set({ response: toBinary(responseSchema, response) })
    .where("scope", "=", request.scope)
    .where("key", "=", request.key)
    .execute();
  return response;
}
