import type { ConsumerConfig, ConsumerInfo, JetStreamManager } from "@nats-io/jetstream";
import { JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";
import type { Logger } from "../logging/logger.js";

/** A durable consumer definition. */
export type ConsumerDefinition = Partial<ConsumerConfig> & { readonly durable_name: string };

/**
 * Creates a durable consumer, or updates it when it exists with other settings (a redeploy
 * changed `max_deliver`, `ack_wait`, ...). Safe when several replicas start at once.
 *
 * @example
 * await ensureConsumer(jsm, "WAYBILL_ORDERS", { durable_name: "fleet-orders", ack_policy: AckPolicy.Explicit }, logger);
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  definition: ConsumerDefinition,
  logger: Logger,
): Promise<ConsumerInfo> {
  try {
    // Creating a durable with identical settings is a no-op on the server.
    return await jsm.consumers.add(stream, definition);
  } catch (error) {
    // Only an existing consumer with other settings is fixed by an update; a missing stream is not.
    if (!(error instanceof JetStreamApiError) || error.code === JetStreamApiCodes.StreamNotFound) throw error;
    const { durable_name: name, ack_policy: _a, deliver_policy: _d, replay_policy: _r, ...updatable } = definition;
    logger.info({ stream, consumer: name, reason: error.message }, "updating consumer");
    return jsm.consumers.update(stream, name, updatable);
  }
}
