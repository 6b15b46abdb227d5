import type { Interceptor } from "@connectrpc/connect";
import { type Meter, metrics } from "@opentelemetry/api";
import { observeCall } from "./observe-call.js";
import { callAttributes, outcomeAttributes, rpcDurationBuckets } from "./rpc-attributes.js";

/**
 * Records `rpc.server.call.duration` (seconds) for every RPC this process serves, unary or
 * streaming (a stream lasts until it ends), with `rpc.system.name`, `rpc.method`,
 * `rpc.status_code` and, for a server fault, `error.type`. Placed right after the tracing
 * interceptor so the metric and the server span measure the same call. The meter is taken when
 * the interceptor is built: build it after telemetry has started.
 */
export function createServerMetricsInterceptor(meter: Meter = metrics.getMeter("waybill")): Interceptor {
  const duration = meter.createHistogram("rpc.server.call.duration", {
    unit: "s",
    description: "Duration of incoming RPCs, until a stream's end",
    advice: { explicitBucketBoundaries: [...rpcDurationBuckets] },
  });
  return (next) => (req) => {
    const started = performance.now();
    return observeCall(
      req,
      () => next(req),
      (error) => {
        duration.record((performance.now() - started) / 1000, {
          ...callAttributes(req),
          ...outcomeAttributes("server", error),
        });
      },
    );
  };
}
