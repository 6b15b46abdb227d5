import type { JetStreamClient, JetStreamPublishOptions, PubAck } from "@nats-io/jetstream";
import type { Logger } from "../logging/logger.js";

/** Options of {@link publishWithRetry}. */
export interface PublishRetryOptions {
  readonly logger: Logger;
  /** Give up after this long (default 15 s); the caller retries the whole batch later. */
  readonly maxRetryMs?: number;
  /**
   * Checked between attempts, before each retry is sent: returning false gives up early (shutdown,
   * or the relay's lease on the row has passed and another relay may be publishing it).
   */
  readonly keepTrying?: () => boolean;
}

/**
 * Publishes to JetStream, retrying failures with the same `msgID` and exponential backoff.
 * Retrying is always safe because the stream drops a repeated id within its duplicate window;
 * it rides out leader elections, during which NATS 2.9 answers with a misleading
 * `JetStreamNotEnabled`, and short server restarts.
 *
 * @example
 * await publishWithRetry(js, "waybill.orders.OrderPlaced", bytes, { msgID: eventId }, { logger });
 */
export async function publishWithRetry(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  publishOptions: Partial<JetStreamPublishOptions> & { readonly msgID: string },
  options: PublishRetryOptions,
): Promise<PubAck> {
  const deadline = Date.now() + (options.maxRetryMs ?? 15_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await js.publish(subject, data, publishOptions);
    } catch (error) {
      const delay = Math.min(50 * 2 ** (attempt - 1), 2_000);
      const giveUp = Date.now() + delay > deadline || options.keepTrying?.() === false;
      options.logger.warn({ err: error, subject, msgID: publishOptions.msgID, attempt, giveUp }, "publish failed");
      if (giveUp) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (options.keepTrying?.() === false) throw error;
    }
  }
}
