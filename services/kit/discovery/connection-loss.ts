import { Code, ConnectError } from "@connectrpc/connect";

/** Node's codes for a connection that broke under a call (reset, closed, HTTP/2 session torn down). */
const lostConnectionCodes: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ERR_HTTP2_GOAWAY_SESSION",
  "ERR_HTTP2_SESSION_ERROR",
  "ERR_HTTP2_STREAM_ERROR",
]);

/**
 * A call whose connection broke after its request may have been written: its outcome is unknown,
 * which gRPC calls UNAVAILABLE (connect-node says ABORTED for a reset, and CANCELED for a stream
 * the dying session closed with CANCEL: codes no retry policy retries). As UNAVAILABLE, the SDK's policy decides: reads and calls with an idempotency key are
 * retried (on another endpoint), anything else is thrown. Other errors are returned as they are.
 */
export function connectionLossAsUnavailable(error: unknown): unknown {
  if (!(error instanceof ConnectError) || error.code === Code.Unavailable) return error;
  if (!isCancelledStream(error)) {
    if (error.code !== Code.Aborted && error.code !== Code.Internal && error.code !== Code.Unknown) return error;
    if (!causeCodes(error).some((code) => lostConnectionCodes.has(code))) return error;
  }
  return new ConnectError(
    `connection lost during the call - ${error.rawMessage}`,
    Code.Unavailable,
    error.metadata,
    undefined,
    error,
  );
}

/**
 * CANCELED from a stream the peer (or its dying HTTP/2 session) closed with `RST_STREAM CANCEL`.
 * Only called for calls whose caller did not abort them (the balancing transport checks its
 * signal first), so nobody here cancelled it: a replica killed under the call answers this way.
 */
function isCancelledStream(error: ConnectError): boolean {
  return error.code === Code.Canceled && /stream closed with error code CANCEL/.test(error.rawMessage);
}

/** The `code` of each error in the `cause` chain. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}
