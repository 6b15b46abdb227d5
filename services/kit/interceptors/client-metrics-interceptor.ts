import type { Interceptor } from "@connectrpc/connect";
import { type Meter, metrics } from "@opentelemetry/api";
import { observeCall } from "./observe-call.js";
import { callAttributes, outcomeAttributes, rpcDurationBuckets, serverAddressOf } from "./rpc-attributes.js";

/**
 * Records `rpc.client.call.duration` (seconds) for calls one service makes to another, with
 * `rpc.system.name`, `rpc.method`, `rpc.status_code`, `error.type` on any code but ok, and
 * `server.address`/`server.port` when the call went over the network (none in memory). The meter
 * is taken when the interceptor is built: build it after telemetry has started.
 */
export function createClientMetricsInterceptor(meter: Meter = metrics.getMeter("waybill")): Interceptor {
  const duration = meter.createHistogram("rpc.client.call.duration", {
    unit: "s",
    description: "Duration of outgoing RPCs to other Waybill services, until a stream's end",
    advice: { explicitBucketBoundaries: [...rpcDurationBuckets] },
  });
  return (next) => (req) => {
    const started = performance.now();
    const target = { ...callAttributes(req), ...serverAddressOf(req.url) };
    return observeCall(
      req,
      () => next(req),
      (error) => {
        duration.record((performance.now() - started) / 1000, { ...target, ...outcomeAttributes("client", error) });
      },
    );
  };
}
