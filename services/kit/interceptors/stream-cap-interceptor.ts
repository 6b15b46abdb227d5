import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { principalKey } from "../auth/principal.js";
import { callerAddressKey } from "../server/caller-address.js";

/**
 * Caps the server streams (WatchStock, WatchActivity, WatchFleet) one caller, by role and
 * subject, may have open at once on this process: `max` (`MAX_STREAMS_PER_PRINCIPAL`, 0 for no
 * cap). One more is refused with RESOURCE_EXHAUSTED before the handler runs. A stream's slot is
 * given back when it ends for any reason: its last message, an error, or the client going away.
 * A caller without a token (public `Health/Watch`) is counted by its address instead. Unary calls
 * are not counted. Runs after auth, which puts the principal into the context values.
 */
export function createStreamCapInterceptor(max: number): Interceptor {
  const open = new Map<string, number>();
  return (next) => async (req) => {
    const principal = req.contextValues.get(principalKey);
    const address = req.contextValues.get(callerAddressKey);
    const streaming = req.method.methodKind === "server_streaming" || req.method.methodKind === "bidi_streaming";
    const key = principal ? `${principal.role}\n${principal.subject}` : address && `address\n${address}`;
    if (max === 0 || !streaming || key === undefined) return next(req);
    const count = open.get(key) ?? 0;
    if (count >= max) {
      throw new ConnectError(
        `too many open streams for this caller (MAX_STREAMS_PER_PRINCIPAL=${max}) - close one first`,
        Code.ResourceExhausted,
      );
    }
    open.set(key, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      req.signal.removeEventListener("abort", release);
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    };
    // A client that goes away aborts the signal even while the stream waits for its next message.
    req.signal.addEventListener("abort", release, { once: true });
    // Gone before the listener was added: an aborted signal fires no more events.
    if (req.signal.aborted) release();
    try {
      const response = await next(req);
      if (!response.stream) {
        release();
        return response;
      }
      const source = response.message;
      async function* counted() {
        try {
          yield* source;
        } finally {
          release();
        }
      }
      return { ...response, message: counted() };
    } catch (error) {
      release();
      throw error;
    }
  };
}
