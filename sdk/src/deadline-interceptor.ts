import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { setTimeoutHeader, timeoutOf } from "./retry-wait.js";

/** The deadline of a unary call that sets no `timeoutMs` of its own. */
export const defaultTimeoutMs = 30_000;

/**
 * Gives every unary call without a `timeoutMs` a deadline of `timeoutMs` (its retries and waits
 * included): the call is aborted with DEADLINE_EXCEEDED when it passes, and the server is told
 * the deadline as Connect's own `timeoutMs` would. Streams are left alone (a watch is meant to
 * last). A call's `timeoutMs` or `signal` still win; 0 turns the default off.
 */
export function deadlineInterceptor(timeoutMs: number = defaultTimeoutMs): Interceptor {
  return (next) => async (req) => {
    if (req.stream || timeoutMs <= 0 || timeoutOf(req.header) !== undefined) return next(req);
    const grpc = (req.header.get("content-type") ?? "").startsWith("application/grpc");
    setTimeoutHeader(req.header, timeoutMs, grpc ? "grpc" : "connect");
    const controller = new AbortController();
    const expired = new ConnectError(
      `the call took longer than its deadline of ${timeoutMs} ms`,
      Code.DeadlineExceeded,
    );
    const timer = setTimeout(() => controller.abort(expired), timeoutMs);
    const cancelled = () => controller.abort(req.signal.reason);
    if (req.signal.aborted) cancelled();
    else req.signal.addEventListener("abort", cancelled, { once: true });
    try {
      return await next({ ...req, signal: controller.signal });
    } catch (error) {
      throw controller.signal.reason === expired ? expired : error;
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener("abort", cancelled);
    }
  };
}
