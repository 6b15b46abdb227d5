import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { context, propagation, SpanKind, SpanStatusCode, type TextMapGetter, trace } from "@opentelemetry/api";
import { settleResponse } from "./settle-response.js";

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * Server span per RPC, continuing the caller's `traceparent`. `instrumentation-http` does not see
 * `node:http2`, so this interceptor is where RPC spans come from.
 */
export function createServerTracingInterceptor(): Interceptor {
  const tracer = trace.getTracer("waybill-rpc");
  return (next) => async (req) => {
    const parent = propagation.extract(context.active(), req.header, headerGetter);
    const span = tracer.startSpan(
      `${req.service.typeName}/${req.method.name}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "rpc.system": "connect_rpc", "rpc.service": req.service.typeName, "rpc.method": req.method.name },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return context.with(active, () =>
      settleResponse(() => next(req), {
        onSettle(error) {
          if (error !== undefined) {
            const connectError = ConnectError.from(error);
            span.setAttribute("rpc.connect_rpc.error_code", Code[connectError.code] ?? "unknown");
            span.setStatus({ code: SpanStatusCode.ERROR, message: connectError.rawMessage });
          }
          span.end();
        },
      }),
    );
  };
}
