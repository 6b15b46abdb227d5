import { Code, ConnectError } from "@connectrpc/connect";
import type { JsMsg } from "@nats-io/jetstream";
import { isDatabaseUnavailable } from "../database/index.js";
import type { Logger } from "../logging/logger.js";

/** Longest pause between attempts while a dependency is unavailable. */
const outageRetryCapMs = 5_000;

/**
 * True when a preparation failed because something it needs is down for now: the database (see
 * {@link isDatabaseUnavailable}) or another service answering `UNAVAILABLE` (unreachable,
 * restarting, or without its own database). Either is an outage to wait out, not a fault of the event.
 */
export function preparationUnavailable(error: unknown): boolean {
  return isDatabaseUnavailable(error) || (error instanceof ConnectError && error.code === Code.Unavailable);
}

/** How {@link retryWhileUnavailable} waits out an outage. */
export interface OutageRetry {
  /** The messages being worked on, told "still working" at each pause. */
  readonly messages: readonly JsMsg[];
  /** False once the consumer is stopping: the outage is then not waited out. */
  readonly keepWaiting?: () => boolean;
  readonly log: Logger;
  /** Whether an error means a dependency is down for now (e.g. {@link isDatabaseUnavailable}). */
  readonly unavailable: (error: unknown) => boolean;
}

/**
 * Runs `attempt`, and while it fails because a dependency is unavailable (for a transaction the
 * database being unreachable, a lost connection, a restart, too many connections, see
 * {@link isDatabaseUnavailable}; for a preparation also another service), tries again in place
 * (telling JetStream the messages are still being worked on) instead of spending a delivery: an
 * outage must not dead-letter healthy events. Other errors, and a stopping consumer, fall through.
 * The consumer keeps its other held messages alive meanwhile (see `held-messages.ts`).
 *
 * @example
 * const fresh = await retryWhileUnavailable({ messages: [msg], log, unavailable: isDatabaseUnavailable },
 *   () => db.transaction().execute(work));
 */
export async function retryWhileUnavailable<T>(retry: OutageRetry, attempt: () => Promise<T>): Promise<T> {
  for (let pause = 100; ; pause = Math.min(pause * 2, outageRetryCapMs)) {
    try {
      return await attempt();
    } catch (error) {
      if (!retry.unavailable(error) || retry.keepWaiting?.() === false) throw error;
      retry.log.warn({ err: error, retryInMs: pause }, "a dependency is unavailable; holding the message");
      for (const msg of retry.messages) msg.working();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
