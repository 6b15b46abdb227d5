import { randomKey } from "@waybill/sdk";
import { useRef } from "react";

/** The idempotency key of a form's submissions: see {@link useAttemptKey}. */
export interface AttemptKey {
  /** The key for a submission of `content`: the same as the last one while `content` is unchanged. */
  keyFor(content: unknown): string;
  /** Forgets the key once its request succeeded: the next submission is a new request. */
  settled(): void;
}

/** `content` as text, 64-bit numbers included (JSON.stringify refuses bigint). */
export function contentKey(content: unknown): string {
  return JSON.stringify(content, (_, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
}

/**
 * One idempotency key per intended change, not per click: a form sent again with the same content
 * after an unknown outcome (a timeout, a lost answer) reuses the key, so the server replays its
 * first answer instead of applying the change twice; a changed form, or one that succeeded, gets a
 * new key.
 *
 * @example
 * const attempt = useAttemptKey();
 * const request = { ...fields, idempotencyKey: attempt.keyFor(fields) };
 * await mutate(request);
 * attempt.settled();
 */
export function useAttemptKey(): AttemptKey {
  const last = useRef<{ readonly content: string; readonly key: string } | undefined>(undefined);
  return {
    keyFor(content) {
      const text = contentKey(content);
      if (last.current?.content !== text) last.current = { content: text, key: randomKey() };
      return last.current.key;
    },
    settled() {
      last.current = undefined;
    },
  };
}
