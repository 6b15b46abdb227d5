import { Code, type ConnectError } from "@connectrpc/connect";
import { type Meter, metrics } from "@opentelemetry/api";

/** Why the request gate refused a request before any handler or interceptor saw it. */
export type RefusalReason = "unauthenticated" | "rate_limited" | "too_large" | "json_too_deep" | "token_check_failed";

/** The reason of a gate refusal, from its error. */
export function refusalReason(error: ConnectError): RefusalReason {
  if (error.code === Code.Unauthenticated) return "unauthenticated";
  if (error.code === Code.ResourceExhausted) return error.metadata.has("retry-after") ? "rate_limited" : "too_large";
  if (error.code === Code.InvalidArgument) return "json_too_deep";
  return "token_check_failed";
}

/**
 * Counts the requests refused before they reach the RPC interceptors (so before any RPC span or
 * duration is recorded): `waybill.requests.refused` with `reason`, to see floods of bad tokens,
 * rate-limited callers and oversized bodies.
 *
 * @example
 * const countRefusal = createRefusalCounter();
 * countRefusal(new ConnectError("missing bearer token", Code.Unauthenticated));
 */
export function createRefusalCounter(meter: Meter = metrics.getMeter("waybill")): (error: ConnectError) => void {
  const refused = meter.createCounter("waybill.requests.refused", {
    description: "Requests refused before any handler ran: bad token, rate limit, size or JSON depth",
    unit: "{request}",
  });
  return (error) => refused.add(1, { reason: refusalReason(error) });
}
