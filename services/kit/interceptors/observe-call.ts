import { ConnectError, type StreamResponse, type UnaryResponse } from "@connectrpc/connect";
import { settleResponse } from "./settle-response.js";

/**
 * Runs a call and reports its end once, with its error (undefined on success). A unary call ends
 * with its answer; a stream when its last message has passed, when it fails, or when its signal
 * aborts first (the other side went away, or the deadline passed: a stream waiting for its next
 * message would otherwise report only once that message comes). On the server a signal that
 * aborts after the end (connect-es aborts it once a call is done) changes nothing.
 */
export async function observeCall(
  req: { readonly signal: AbortSignal },
  call: () => Promise<UnaryResponse | StreamResponse>,
  onEnd: (error: unknown) => void,
): Promise<UnaryResponse | StreamResponse> {
  let ended = false;
  const end = (error: unknown) => {
    if (ended) return;
    ended = true;
    req.signal.removeEventListener("abort", aborted);
    onEnd(error);
  };
  const aborted = () => end(ConnectError.from(req.signal.reason));
  const response = await settleResponse(call, { onSettle: end });
  if (response.stream && !ended) {
    req.signal.addEventListener("abort", aborted, { once: true });
    if (req.signal.aborted) aborted();
  }
  return response;
}
