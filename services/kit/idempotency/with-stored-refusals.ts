import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Code } from "@connectrpc/connect";
import type { Kysely } from "kysely";
import type { AnyDatabase } from "../database/index.js";
import type { DomainError } from "../errors/index.js";
import { answerOf, readStoredAnswer } from "./read-stored-answer.js";
import { requestFingerprint } from "./request-fingerprint.js";
import type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
import { isDefinitiveRefusal, isStoredAnswer, refusalError, toStoredRefusal } from "./stored-refusal.js";

/**
 * Runs `run` — the caller's transaction around {@link runIdempotent} — and stores a definitive
 * refusal it ends with under the key, so that a retry gets the same refusal instead of another
 * try (refusals are final: a late duplicate cannot turn a refused request into a success). The
 * refused transaction has rolled back, so the refusal is claimed in a statement of its own with
 * the same insert-on-conflict as an answer; if a concurrent retry stored an answer first, that
 * answer wins and is returned (or its refusal thrown): a refusal is only ever answered when it
 * is the key's stored answer. Transient failures are thrown as they are and stored nowhere.
 *
 * `also` names more codes that are final for this RPC (see {@link isDefinitiveRefusal}).
 *
 * @example
 * return withStoredRefusals(ctx.db, idempotent, AdjustStockResponseSchema, () =>
 *   ctx.db.transaction().execute((trx) => runIdempotent(trx, idempotent, AdjustStockResponseSchema, () => adjust(trx))));
 */
export async function withStoredRefusals<Req extends DescMessage, Res extends DescMessage>(
  db: AnyDatabase,
  request: IdempotentRequest<Req>,
  responseSchema: Res,
  run: () => Promise<MessageShape<Res>>,
  options: { readonly also?: readonly Code[] } = {},
): Promise<MessageShape<Res>> {
  try {
    return await run();
  } catch (error) {
    if (isStoredAnswer(error) || !isDefinitiveRefusal(error, options.also)) throw error;
    const refusal = toStoredRefusal(error as DomainError);
    const idempotent: Kysely<IdempotentDatabase> = db;
    const claimed = await idempotent
      .insertInto("idempotency")
      .values({
        scope: request.scope,
        key: request.key,
        request_hash: requestFingerprint(request.requestSchema, request.request),
        response: null,
        refusal: JSON.stringify(refusal),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("key")
      .executeTakeFirst();
    if (claimed) throw refusalError(refusal);
    const stored = await readStoredAnswer(db, request, responseSchema);
    if (stored.kind === "none") throw error;
    return answerOf(stored);
  }
}
