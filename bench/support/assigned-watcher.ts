import { setTimeout as sleep } from "node:timers/promises";
import { createRegistry } from "@bufbuild/protobuf";
import { type ConsumerMessages, jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { file_waybill_fleet_v1_events, OrderAssignedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { connectNats, decodeEvent, domainStreamName, eventSubject } from "../../services/kit/events/index.js";
import type { Logger } from "../../services/kit/logging/logger.js";
import { startProgressBar } from "./progress-bar.js";

/** Follows Fleet's OrderAssigned events, noting when each order's first one arrived here. */
export interface AssignedWatcher {
  /**
   * Waits until every order of `orderIds` has been seen assigned, or until none has been for
   * `stallMs`, with a progress bar; returns `performance.now()` at each order's arrival (orders
   * never seen are missing).
   */
  waitFor(orderIds: readonly string[], label: string, stallMs: number): Promise<ReadonlyMap<string, number>>;
  close(): Promise<void>;
}

const registry = createRegistry(file_waybill_fleet_v1_events);

/**
 * Starts an ordered (ephemeral, unacknowledged) consumer on Fleet's stream, filtered to
 * OrderAssigned: an order counts as assigned when the rest of the system can learn it, after
 * Fleet's transaction committed and its outbox relay published the event.
 */
export async function watchAssigned(natsUrl: string, prefix: string, logger: Logger): Promise<AssignedWatcher> {
  const nc: NatsConnection = await connectNats({ url: natsUrl, name: "bench-fleet-watcher", logger });
  const subject = eventSubject(prefix, "fleet", OrderAssignedSchema.name);
  // One subject as a string: a list needs NATS 2.10, Waybill supports 2.9.
  const consumer = await jetstream(nc).consumers.get(domainStreamName(prefix, "fleet"), { filter_subjects: subject });
  const messages: ConsumerMessages = await consumer.consume();
  const seen = new Map<string, number>();
  let waiting: { readonly ids: ReadonlySet<string>; remaining: number; readonly done: () => void } | undefined;
  const loop = (async () => {
    for await (const msg of messages) {
      const at = performance.now();
      const orderId = decodeEvent(msg.data, msg.subject, registry).aggregateId;
      if (seen.has(orderId)) continue;
      seen.set(orderId, at);
      if (waiting?.ids.has(orderId) && --waiting.remaining === 0) waiting.done();
    }
  })();
  return {
    async waitFor(orderIds, label, stallMs) {
      const ids = new Set(orderIds);
      const bar = startProgressBar(label, ids.size);
      let finished = false;
      const all = new Promise<void>((resolve) => {
        waiting = { ids, remaining: orderIds.filter((id) => !seen.has(id)).length, done: resolve };
        if (waiting.remaining === 0) resolve();
      }).then(() => (finished = true));
      let before = -1;
      let lastProgress = performance.now();
      while (!finished && performance.now() - lastProgress < stallMs) {
        await Promise.race([all, sleep(250)]);
        const done = ids.size - waiting!.remaining;
        if (done > before) lastProgress = performance.now();
        before = done;
        bar.update(done);
      }
      waiting = undefined;
      bar.stop();
      return new Map(orderIds.filter((id) => seen.has(id)).map((id) => [id, seen.get(id)!]));
    },
    async close() {
      await messages.close();
      await loop;
      await nc.close();
    },
  };
}
