import { create } from "@bufbuild/protobuf";
import {
  type ListDeadLettersRequest,
  type ListDeadLettersResponse,
  ListDeadLettersResponseSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { readDeadLetterEntries, readDeadMessage } from "../events/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../pagination/index.js";
import { toDeadLetterMessage } from "./dead-letter-wire.js";
import { whileNatsAnswers } from "./nats-unavailable.js";
import type { OperationsContext } from "./operations-context.js";

/**
 * `ListDeadLetters`: one page of the dead letters matching the filters, oldest first, keyed by
 * dlq sequence (a page token names the last one shown, so redrives between pages skip nothing),
 * with the total matching. Only the page's original messages are read from their streams.
 *
 * @example
 * const page = await listDeadLetterPage(ctx, request);
 */
export function listDeadLetterPage(
  ctx: OperationsContext,
  request: ListDeadLettersRequest,
): Promise<ListDeadLettersResponse> {
  const scope = `dead-letters|${request.stream}|${request.consumer}`;
  const after = Number(decodeCursor(request.page?.pageToken ?? "", ["seq"], scope)?.seq ?? 0);
  const size = pageSize(request.page?.pageSize);
  return whileNatsAnswers(ctx.natsEndpoint, async () => {
    const matching = await readDeadLetterEntries(ctx.jsm, ctx.prefix, request);
    const rest = matching.filter((entry) => entry.dlqSequence > after);
    const shown = rest.slice(0, size);
    const deadLetters = await Promise.all(
      shown.map(async (entry) =>
        toDeadLetterMessage({ ...entry, message: await readDeadMessage(ctx.jsm, entry.stream, entry.streamSequence) }),
      ),
    );
    const last = shown.at(-1);
    return create(ListDeadLettersResponseSchema, {
      deadLetters,
      page: {
        nextPageToken: rest.length > size && last ? encodeCursor({ seq: last.dlqSequence }, scope) : "",
        totalSize: BigInt(matching.length),
      },
    });
  });
}
