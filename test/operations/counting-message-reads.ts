import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";

/**
 * A real JetStreamManager on `nats` that counts the messages read back by sequence
 * (`streams.getMessage`, how a dead letter's event is fetched); every call still goes to NATS.
 *
 * @example
 * const counting = await countingMessageReads(nats);
 * await redriveChosenDeadLetters({ jsm: counting.jsm, ... });
 * counting.reads();
 */
export async function countingMessageReads(
  nats: NatsConnection,
): Promise<{ readonly jsm: JetStreamManager; reads(): number }> {
  const jsm = await jetstreamManager(nats);
  let reads = 0;
  const streams = new Proxy(jsm.streams, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key !== "getMessage") return value.bind(target);
      return (...args: unknown[]) => {
        reads++;
        return value.apply(target, args);
      };
    },
  });
  const counted = new Proxy(jsm, {
    get(target, key) {
      if (key === "streams") return streams;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { jsm: counted, reads: () => reads };
}
