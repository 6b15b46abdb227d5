import { Code, ConnectError } from "@connectrpc/connect";
import { useEffect, useRef, useState } from "react";
import { pause, reconnectDelayMs } from "./backoff.js";

/** Where a server stream stands: connecting, open (a message arrived), or waiting to reconnect after an error. */
export type StreamState =
  | { readonly status: "connecting" | "open" }
  | { readonly status: "retrying" | "failed"; readonly error: unknown };

/** Answers that a new attempt would get again: the stream stops and says why. */
const lastingCodes: ReadonlySet<Code> = new Set([
  Code.Unauthenticated,
  Code.PermissionDenied,
  Code.InvalidArgument,
  Code.NotFound,
  Code.Unimplemented,
  Code.FailedPrecondition,
]);

/** Whether an error will not go away by trying again. */
export function isLastingFailure(error: unknown): boolean {
  return error instanceof ConnectError && lastingCodes.has(error.code);
}

/**
 * Runs a server stream while the component is mounted and `key` stays the same: `open` starts the
 * call with the given signal, each message goes to `onMessage`. The call is aborted on unmount or
 * when `key` changes, and started again with backoff after an error or an end (connect-query has
 * no hooks for streams), except after an error a retry would meet again (`failed`).
 */
export function useServerStream<T>(
  key: string | undefined,
  open: (signal: AbortSignal) => AsyncIterable<T>,
  onMessage: (message: T) => void,
): StreamState {
  const [state, setState] = useState<StreamState>({ status: "connecting" });
  // The latest callbacks, so that a re-render does not restart the stream.
  const callbacks = useRef({ open, onMessage, key });
  callbacks.current = { open, onMessage, key };
  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    const { signal } = controller;
    void (async () => {
      for (let attempt = 0; !signal.aborted; ) {
        setState({ status: "connecting" });
        try {
          for await (const message of callbacks.current.open(signal)) {
            // A message of a stream the key has left behind (rendered, not yet aborted) must not
            // reach the new key's callback.
            if (signal.aborted || callbacks.current.key !== key) return;
            attempt = 0;
            setState((current) => (current.status === "open" ? current : { status: "open" }));
            callbacks.current.onMessage(message);
          }
          if (signal.aborted) return;
          setState({ status: "retrying", error: new Error("the stream ended") });
        } catch (error) {
          if (signal.aborted) return;
          if (isLastingFailure(error)) {
            setState({ status: "failed", error });
            return;
          }
          setState({ status: "retrying", error });
        }
        await pause(reconnectDelayMs(attempt++), signal);
      }
    })();
    return () => controller.abort();
  }, [key]);
  return state;
}
