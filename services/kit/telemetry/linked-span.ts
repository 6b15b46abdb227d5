import type { Attributes, Context, Link, Span, SpanKind } from "@opentelemetry/api";
import { context, isSpanContextValid, SpanStatusCode, trace } from "@opentelemetry/api";
import { extractTraceContext, injectTraceContext } from "./trace-context.js";

/**
 * The W3C `traceparent` of `ctx` (default: the active context), to store beside work that waits
 * (a queued assignment, a flight step, a notification), or null when there is no span to follow.
 *
 * @example
 * await insertAssignment(trx, { ...row, trace_parent: currentTraceparent() });
 */
export function currentTraceparent(ctx: Context = context.active()): string | null {
  return injectTraceContext(ctx).traceparent ?? null;
}

/** How {@link inStoredTrace} starts its span. */
export interface StoredTraceSpan {
  /** The `traceparent` stored with the waiting work; null or empty continues the active context. */
  readonly traceparent: string | null | undefined;
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * Runs `work` in a new active span that continues the trace stored with waiting work (a child of
 * `traceparent`), so that what it publishes carries the originating trace. When the work was set
 * off from another trace (a courier coming online frees a queued order, a clock tick), the span
 * also links to that active span, so neither side loses the other. A throw marks the span ERROR,
 * records the exception and is rethrown.
 *
 * @example
 * await inStoredTrace("flight load", { traceparent: step.trace_parent }, () => advanceFlight(ctx, step));
 */
export async function inStoredTrace<T>(
  name: string,
  options: StoredTraceSpan,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const active = context.active();
  const stored = options.traceparent
    ? trace.getSpanContext(extractTraceContext({ traceparent: options.traceparent }))
    : undefined;
  const parent = stored && isSpanContextValid(stored) ? trace.setSpanContext(active, stored) : active;
  const trigger = trace.getSpanContext(active);
  const links: Link[] =
    stored && trigger && isSpanContextValid(trigger) && trigger.traceId !== stored.traceId
      ? [{ context: trigger }]
      : [];
  const tracer = trace.getTracer("waybill");
  return tracer.startActiveSpan(
    name,
    {
      ...(options.kind === undefined ? {} : { kind: options.kind }),
      ...(options.attributes ? { attributes: options.attributes } : {}),
      links,
    },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Marks `span` failed: ERROR status with the error's message, and the exception recorded as an
 * event (type, message, stack).
 */
export function failSpan(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}
