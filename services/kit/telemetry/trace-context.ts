import type { Context } from "@opentelemetry/api";
import { context, propagation, ROOT_CONTEXT } from "@opentelemetry/api";

/**
 * The W3C trace context (`traceparent`, `tracestate`, ...) of `ctx` (default: the active
 * context) as a plain string map, for an event envelope or message headers. Uses the globally
 * registered propagator, so it is empty until the OpenTelemetry SDK starts: harmless.
 *
 * @example
 * const traceContext = injectTraceContext(); // { traceparent: "00-…-…-01" }
 */
export function injectTraceContext(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * The OpenTelemetry context carried by `carrier` (as written by {@link injectTraceContext}), to
 * parent a consumer's span on the producer's. Starts from the root context so an unrelated
 * active span never leaks in.
 *
 * @example
 * const parent = extractTraceContext(envelope.traceContext);
 * tracer.startActiveSpan("consume", {}, parent, (span) => { ... });
 */
export function extractTraceContext(carrier: Readonly<Record<string, string>>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}
