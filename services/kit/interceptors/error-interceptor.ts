import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { trace } from "@opentelemetry/api";
import type { Logger } from "pino";
import { DependencyUnavailableError, isDatabaseUnavailable, isTransactionConflict } from "../database/index.js";
import { connectCodeOf, DomainError } from "../errors/index.js";
import { safeMessage, withMessage } from "./safe-message.js";
import { settleResponse } from "./settle-response.js";
import { isUndecodableRequest, undecodableRequest } from "./undecodable-requests.js";

/**
 * Translates errors into the API's errors: a {@link DomainError} becomes its Connect code with its
 * message and details; a `ConnectError` passes through; a database that is unavailable for now (a
 * lost connection, a server restarting or refusing connections, see {@link isDatabaseUnavailable})
 * is answered as `Unavailable`, which callers' retry policies retry, and logged as a warning with
 * the trace id; so is a transaction that lost a conflict with concurrent ones (a deadlock, see
 * {@link isTransactionConflict}), which rolled back and can be sent again as it was; anything else is logged with the trace id and answered as `Internal` naming only
 * that trace id, so no stack trace or SQL reaches a caller.
 */
export function createErrorInterceptor(logger: Logger): Interceptor {
  return (next) => (req) =>
    settleResponse(() => next(req), {
      mapError(error) {
        if (error instanceof ConnectError) {
          // A server stream's request is decoded inside the chain: a body that does not decode is the caller's.
          if (error.code === Code.Internal && isUndecodableRequest(error.rawMessage))
            return undecodableRequest(req.method.input.typeName, error.rawMessage);
          return error.code === Code.Internal || error.code === Code.Unknown
            ? internal(logger, req.method.name, error)
            : withMessage(error, safeMessage(error.rawMessage));
        }
        if (error instanceof DependencyUnavailableError) {
          // Where the dependency lives is for the log, not for callers.
          logger.warn({ err: error, method: req.method.name, traceId: traceId() }, "dependency unavailable");
          return new ConnectError(`${error.dependency} is unavailable - retry shortly`, Code.Unavailable);
        }
        if (error instanceof DomainError) {
          return new ConnectError(safeMessage(error.message), connectCodeOf[error.kind], undefined, [...error.details]);
        }
        if (isDatabaseUnavailable(error)) {
          logger.warn({ err: error, method: req.method.name, traceId: traceId() }, "database unavailable");
          return new ConnectError("the database is unavailable - retry shortly", Code.Unavailable);
        }
        if (isTransactionConflict(error)) {
          logger.warn({ err: error, method: req.method.name, traceId: traceId() }, "transaction lost a conflict");
          return new ConnectError(
            "the request met concurrent changes and was rolled back - retry it",
            Code.Unavailable,
          );
        }
        return internal(logger, req.method.name, error);
      },
    });
}

function internal(logger: Logger, method: string, error: unknown): ConnectError {
  const id = traceId();
  logger.error({ err: error, method, traceId: id }, "unexpected error in RPC");
  return new ConnectError(`internal error - trace id ${id}`, Code.Internal);
}

/** The trace id of the RPC's span, for the log line operators search by. */
function traceId(): string {
  return trace.getActiveSpan()?.spanContext().traceId ?? "none";
}
