import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { buildEnvelope, connectNats, encodeEnvelope, eventSubject } from "../../services/kit/events/index.js";
import type { IsolatedEnvironment } from "./isolated-environment.js";
import { createTestLogger } from "./test-logger.js";

/** Publishes domain events of other services straight to JetStream, as their relays would. */
export interface EventPublisher {
  /**
   * Publishes an event; returns its id. `id` re-sends an earlier event (same envelope id) under a
   * fresh `Nats-Msg-Id`, as a redrive does, so the stream keeps it and the consumer's inbox must
   * drop it.
   */
  publish<Desc extends DescMessage>(
    domain: string,
    schema: Desc,
    payload: MessageShape<Desc>,
    options: { readonly tenant: string; readonly aggregateId: string; readonly id?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/** Connects a publisher to the environment's NATS and prefix. */
export async function createEventPublisher(env: IsolatedEnvironment): Promise<EventPublisher> {
  const nc: NatsConnection = await connectNats({
    url: env.natsUrl,
    name: "test-publisher",
    logger: createTestLogger(),
  });
  const js = jetstream(nc);
  return {
    async publish(domain, schema, payload, options) {
      const envelope = buildEnvelope({ schema, payload, tenant: options.tenant, aggregateId: options.aggregateId }, {});
      if (options.id) envelope.id = options.id;
      await js.publish(eventSubject(env.prefix, domain, schema.name), encodeEnvelope(envelope), {
        msgID: `${envelope.id}:${crypto.randomUUID()}`,
      });
      return envelope.id;
    },
    close: () => nc.close(),
  };
}
