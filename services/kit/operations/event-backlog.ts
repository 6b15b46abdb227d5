import { create } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { type ConsumerInfo, JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from "@nats-io/jetstream";
import {
  type GetEventBacklogResponse,
  GetEventBacklogResponseSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { domainStreamName, readDeadLetterEntries, readOutboxBacklog } from "../events/index.js";
import { whileNatsAnswers } from "./nats-unavailable.js";
import type { OperationsContext } from "./operations-context.js";

/** PostgreSQL cancels an outbox count after this long (the metric's read waits 500 ms). */
const outboxReadTimeoutMs = 2_000;

/**
 * `GetEventBacklog`: every durable consumer of the domain streams with its lag and dead letters,
 * the dead letters per stream and consumer, and the outboxes of the services this process runs.
 *
 * @example
 * const backlog = await readEventBacklog(ctx);
 */
export async function readEventBacklog(ctx: OperationsContext): Promise<GetEventBacklogResponse> {
  const { consumers, entries } = await whileNatsAnswers(ctx.natsEndpoint, async () => ({
    consumers: (
      await Promise.all(ctx.domains.map((domain) => durableConsumers(ctx.jsm, domainStreamName(ctx.prefix, domain))))
    ).flat(),
    entries: await readDeadLetterEntries(ctx.jsm, ctx.prefix),
  }));
  const deadLetters = new Map<string, { stream: string; consumer: string; count: number }>();
  for (const entry of entries) {
    const key = `${entry.stream}\u0000${entry.consumer}`;
    const counted = deadLetters.get(key) ?? { stream: entry.stream, consumer: entry.consumer, count: 0 };
    deadLetters.set(key, { ...counted, count: counted.count + 1 });
  }
  const outboxes = await Promise.all(
    [...ctx.localServices].sort().map(async (service) => ({
      service,
      ...(await readOutboxBacklog(ctx.database, service, outboxReadTimeoutMs)),
    })),
  );
  return create(GetEventBacklogResponseSchema, {
    consumers: consumers.sort(byStreamThenName).map((info) => ({
      stream: info.stream_name,
      consumer: info.name,
      pending: BigInt(info.num_pending),
      ackPending: BigInt(info.num_ack_pending),
      redelivered: BigInt(info.num_redelivered),
      deadLetters: BigInt(deadLetters.get(`${info.stream_name}\u0000${info.name}`)?.count ?? 0),
    })),
    outboxes: outboxes.map((outbox) => ({
      service: outbox.service,
      unpublished: BigInt(outbox.unpublished),
      oldestAge: durationFromMs(Math.round(outbox.oldestAgeSeconds * 1000)),
    })),
    deadLetterCounts: [...deadLetters.values()]
      .sort((a, b) => a.stream.localeCompare(b.stream) || a.consumer.localeCompare(b.consumer))
      .map((counted) => ({ ...counted, count: BigInt(counted.count) })),
    deadLettersTotal: BigInt(entries.length),
  });
}

/** The durable consumers of `stream` (feeds' ephemeral ones left out); none without the stream. */
async function durableConsumers(jsm: JetStreamManager, stream: string): Promise<ConsumerInfo[]> {
  const found: ConsumerInfo[] = [];
  try {
    for await (const info of jsm.consumers.list(stream)) {
      if (info.config.durable_name) found.push(info);
    }
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return [];
    throw error;
  }
  return found;
}

function byStreamThenName(a: ConsumerInfo, b: ConsumerInfo): number {
  return a.stream_name.localeCompare(b.stream_name) || a.name.localeCompare(b.name);
}
