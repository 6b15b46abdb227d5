import type { Interceptor } from "@connectrpc/connect";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const headerSetter = {
  set: (headers: Headers, key: string, value: string) => headers.set(key, value),
};

/**
 * A client span per call, with `traceparent` sent so the server continues the caller's trace.
 * Without an OpenTelemetry SDK in the calling process this costs next to nothing.
 */
export function tracePropagationInterceptor(): Interceptor {
  const tracer = trace.getTracer("@waybill/sdk");
  return (next) => async (req) => {
    const span = tracer.startSpan(`${req.service.typeName}/${req.method.name}`, {
      kind: SpanKind.CLIENT,
      attributes: { "rpc.system": "connect_rpc", "rpc.service": req.service.typeName, "rpc.method": req.method.name },
    });
    const active = trace.setSpan(context.active(), span);
    propagation.inject(active, req.header, headerSetter);
    try {
      return await context.with(active, () => next(req));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  };
}
