import { isSpanContextValid, trace } from "@opentelemetry/api";

/** The log fields naming a span: OpenTelemetry's log-correlation keys (as the pino instrumentation writes them). */
export interface TraceFields {
  readonly trace_id: string;
  readonly span_id: string;
  readonly trace_flags: string;
}

/**
 * The fields of the span active in the current context, or none outside a valid span. Used as
 * the loggers' pino mixin, so every line written inside an RPC, a consumer's message or a
 * worker's step carries the ids to find its trace (also when the span is not sampled: the ids
 * exist, and an error answer quotes the same trace id).
 */
export function activeTraceFields(): Partial<TraceFields> {
  const context = trace.getActiveSpan()?.spanContext();
  if (context === undefined || !isSpanContextValid(context)) return {};
  return {
    trace_id: context.traceId,
    span_id: context.spanId,
    trace_flags: `0${context.traceFlags.toString(16)}`,
  };
}
