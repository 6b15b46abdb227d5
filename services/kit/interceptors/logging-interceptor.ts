import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { trace } from "@opentelemetry/api";
import type { Logger } from "pino";
import { settleResponse } from "./settle-response.js";

/** Logs one line per RPC when it ends: method, Connect code, duration and trace id. */
export function createLoggingInterceptor(logger: Logger): Interceptor {
  return (next) => (req) => {
    const started = performance.now();
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    return settleResponse(() => next(req), {
      onSettle(error) {
        const code = error === undefined ? "ok" : Code[ConnectError.from(error).code];
        const line = {
          method: `${req.service.typeName}/${req.method.name}`,
          code,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          traceId,
        };
        if (error === undefined) logger.info(line, "rpc");
        else logger.warn({ ...line, error: ConnectError.from(error).rawMessage }, "rpc");
      },
    });
  };
}
