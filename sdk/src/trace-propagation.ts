import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { clientCallAttributes, clientOutcomeAttributes, observeClientCall } from "./rpc-span-attributes.js";

const headerSetter = {
  set: (headers: Headers, key: string, value: string) => headers.set(key, value),
};

/**
 * A client span per call, with `traceparent` sent so the server continues the caller's trace.
 * Attributes follow the OpenTelemetry conventions for Connect RPC (`rpc.system.name`,
 * `rpc.method`, `server.address`, `server.port`, `rpc.status_code` and `error.type` in the
 * protocol's snake_case); for a client every code but ok is an error. A stream's span lasts
 * until the stream ends. Without an OpenTelemetry SDK in the calling process this costs next to
 * nothing.
 */
export function tracePropagationInterceptor(): Interceptor {
  const tracer = trace.getTracer("@waybill/sdk");
  return (next) => async (req) => {
    const span = tracer.startSpan(`${req.service.typeName}/${req.method.name}`, {
      kind: SpanKind.CLIENT,
      attributes: clientCallAttributes(req),
    });
    const active = trace.setSpan(context.active(), span);
    propagation.inject(active, req.header, headerSetter);
    return context.with(active, () =>
      observeClientCall(
        req.signal,
        () => next(req),
        (error) => {
          span.setAttributes(clientOutcomeAttributes(error));
          if (error !== undefined) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: ConnectError.from(error).rawMessage });
          }
          span.end();
        },
      ),
    );
  };
}
