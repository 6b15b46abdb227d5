import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { AnyDatabase } from "../database/index.js";
import { type IdempotentRequest, runIdempotent } from "./run-idempotent.js";
import { withStoredRefusals } from "./with-stored-refusals.js";

/**
 * The usual shape of an idempotent change: `work` runs in a transaction of its own at most once
 * per key ({@link runIdempotent}), and a definitive refusal it ends with is stored under the key
 * too ({@link withStoredRefusals}), so a retry gets the first answer, success or refusal.
 *
 * @example
 * return idempotentTransaction(ctx.db, { scope, key, requestSchema, request }, ResponseSchema, async (trx) =>
 *   create(ResponseSchema, { courier: toCourier(await applyAvailability(trx, ctx, change)) }));
 */
export function idempotentTransaction<DB, Req extends DescMessage, Res extends DescMessage>(
  db: Kysely<DB>,
  request: IdempotentRequest<Req>,
  responseSchema: Res,
  work: (trx: Kysely<DB>) => Promise<MessageShape<Res>>,
): Promise<MessageShape<Res>> {
  const database: AnyDatabase = db;
  return withStoredRefusals(database, request, responseSchema, () =>
    db.transaction().execute((trx) => runIdempotent(trx, request, responseSchema, () => work(trx))),
  );
}
