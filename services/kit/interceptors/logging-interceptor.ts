import { ConnectError, type Interceptor } from "@connectrpc/connect";
import type { Logger } from "pino";
import { serviceOfTypeName } from "../logging/service-of-type-name.js";
import { activeTraceFields } from "../logging/trace-fields.js";
import { statusCodeOf } from "./rpc-attributes.js";
import { settleResponse } from "./settle-response.js";

/**
 * Logs one line per RPC when it ends: the Waybill service, method, Connect code, duration and the
 * server span's `trace_id`/`span_id` (read when the call starts: a stream may end outside the
 * span's context).
 */
export function createLoggingInterceptor(logger: Logger): Interceptor {
  return (next) => (req) => {
    const started = performance.now();
    const span = activeTraceFields();
    const service = serviceOfTypeName(req.service.typeName);
    return settleResponse(() => next(req), {
      onSettle(error) {
        // Written as spans and metrics write it (`failed_precondition`), so one search finds all three.
        const code = error === undefined ? "ok" : statusCodeOf(error);
        const line = {
          ...span,
          service,
          method: `${req.service.typeName}/${req.method.name}`,
          code,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
        };
        if (error === undefined) logger.info(line, "rpc");
        else logger.warn({ ...line, error: ConnectError.from(error).rawMessage }, "rpc");
      },
    });
  };
}
