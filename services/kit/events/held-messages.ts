import type { JsMsg } from "@nats-io/jetstream";

/** The messages a consumer has pulled and not yet finished, kept alive while it works on them. */
export interface HeldMessages {
  /** How many are held. */
  readonly size: number;
  /** Holds a message from the moment it arrives until {@link HeldMessages.release}. */
  hold(msg: JsMsg): void;
  /** Lets a finished message go (acknowledged, nak'ed, terminated or abandoned). */
  release(msg: JsMsg): void;
  /** Resolves once fewer than `limit` are held, or when `signal` aborts. */
  belowLimit(limit: number, signal: AbortSignal): Promise<void>;
  /** Stops the keep-alive timer. */
  close(): void;
}

/**
 * Tracks pulled messages and tells JetStream every `ackWaitMs / 3` that each one is still being
 * worked on (`+WPI`), so a message waiting behind slower ones, or held through a database outage,
 * is not redelivered while this process has it: its ack wait starts over with every keep-alive. A
 * process that freezes or dies stops sending them, and its messages go to another replica after
 * one ack wait, as they should.
 *
 * @example
 * const held = createHeldMessages(10_000);
 * held.hold(msg);
 * await handle(msg);
 * held.release(msg);
 */
export function createHeldMessages(ackWaitMs: number): HeldMessages {
  const messages = new Set<JsMsg>();
  let wake: (() => void) | undefined;
  const timer = setInterval(
    () => {
      for (const msg of messages) {
        try {
          msg.working();
        } catch {
          // The connection is closing: the message goes back to JetStream after its ack wait.
        }
      }
    },
    Math.max(1, Math.floor(ackWaitMs / 3)),
  );
  timer.unref();
  return {
    get size() {
      return messages.size;
    },
    hold(msg) {
      messages.add(msg);
    },
    release(msg) {
      messages.delete(msg);
      wake?.();
    },
    async belowLimit(limit, signal) {
      while (messages.size >= limit && !signal.aborted) {
        await new Promise<void>((resolve) => {
          const done = () => {
            signal.removeEventListener("abort", done);
            resolve();
          };
          wake = done;
          signal.addEventListener("abort", done, { once: true });
        });
        wake = undefined;
      }
    },
    close() {
      clearInterval(timer);
    },
  };
}
