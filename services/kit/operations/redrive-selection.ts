import { create, toBinary } from "@bufbuild/protobuf";
import {
  type RedriveDeadLettersRequest,
  RedriveDeadLettersRequestSchema,
  type RedriveDeadLettersResponse,
  RedriveDeadLettersResponseSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { redriveChosenDeadLetters } from "../events/index.js";
import { answerOf, type IdempotentRequest, readStoredAnswer, requestFingerprint } from "../idempotency/index.js";
import { whileNatsAnswers } from "./nats-unavailable.js";
import type { OperationsContext } from "./operations-context.js";

/**
 * `RedriveDeadLetters`: redrives the chosen dead letters (by sequence, of a consumer, or both)
 * and stores the answer under the idempotency key, so a retry replays it.
 *
 * The redrive talks to NATS, so it cannot run inside the key's transaction (no transaction may
 * wait on the network): the key is read first, the work done, then the answer stored, the first
 * stored winning. Two calls racing with one key may both redrive, which is harmless: the same
 * dead letter is republished under the same `Nats-Msg-Id` (the stream keeps one copy) and every
 * consumer dedupes through its inbox; both answer what was stored first.
 *
 * @example
 * const response = await redriveSelection(ctx, request);
 */
export async function redriveSelection(
  ctx: OperationsContext,
  request: RedriveDeadLettersRequest,
): Promise<RedriveDeadLettersResponse> {
  const idempotent: IdempotentRequest<typeof RedriveDeadLettersRequestSchema> = {
    scope: "RedriveDeadLetters",
    key: request.idempotencyKey,
    requestSchema: RedriveDeadLettersRequestSchema,
    request,
  };
  const earlier = await readStoredAnswer(ctx.db, idempotent, RedriveDeadLettersResponseSchema);
  if (earlier.kind !== "none") return answerOf(earlier);

  const report = await whileNatsAnswers(ctx.natsEndpoint, () =>
    redriveChosenDeadLetters({
      js: ctx.js,
      jsm: ctx.jsm,
      prefix: ctx.prefix,
      logger: ctx.logger,
      ...(request.consumer ? { consumer: request.consumer } : {}),
      ...(request.dlqSequences.length > 0 ? { dlqSequences: new Set(request.dlqSequences.map(Number)) } : {}),
    }),
  );
  const response = create(RedriveDeadLettersResponseSchema, {
    redrivenCount: BigInt(report.redriven.length),
    redrivenDlqSequences: report.redriven.map(BigInt),
    leftDlqSequences: report.left.map(BigInt),
  });
  await ctx.db
    .insertInto("idempotency")
    .values({
      scope: idempotent.scope,
      key: idempotent.key,
      request_hash: requestFingerprint(RedriveDeadLettersRequestSchema, request),
      response: toBinary(RedriveDeadLettersResponseSchema, response),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await readStoredAnswer(ctx.db, idempotent, RedriveDeadLettersResponseSchema);
  return stored.kind === "none" ? response : answerOf(stored);
}
