import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { context, propagation, SpanKind, SpanStatusCode, type TextMapGetter, trace } from "@opentelemetry/api";
import { observeCall } from "./observe-call.js";
import { callAttributes, isFailure, outcomeAttributes, serverAddressOf } from "./rpc-attributes.js";

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * Server span per RPC, continuing the caller's `traceparent`. `instrumentation-http` does not see
 * `node:http2`, so this interceptor is where RPC spans come from. Attributes follow the Connect
 * RPC conventions (see `rpc-attributes.ts`): the status is ERROR only for the codes that are the
 * server's fault (internal, unknown, unavailable, data_loss, deadline_exceeded, unimplemented),
 * not for a refusal such as not_found or failed_precondition. A stream's span lasts until it ends.
 */
export function createServerTracingInterceptor(): Interceptor {
  const tracer = trace.getTracer("waybill");
  return (next) => async (req) => {
    const parent = propagation.extract(context.active(), req.header, headerGetter);
    const span = tracer.startSpan(
      `${req.service.typeName}/${req.method.name}`,
      { kind: SpanKind.SERVER, attributes: { ...callAttributes(req), ...serverAddressOf(req.url) } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return context.with(active, () =>
      observeCall(
        req,
        () => next(req),
        (error) => {
          span.setAttributes(outcomeAttributes("server", error));
          if (isFailure("server", error)) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: ConnectError.from(error).rawMessage });
          }
          span.end();
        },
      ),
    );
  };
}
