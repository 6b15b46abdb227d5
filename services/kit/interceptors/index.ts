export { createAuthInterceptor } from "./auth-interceptor.js";
export { createClientMetricsInterceptor } from "./client-metrics-interceptor.js";
export { createErrorInterceptor } from "./error-interceptor.js";
export { createLoggingInterceptor } from "./logging-interceptor.js";
export { observeCall } from "./observe-call.js";
export {
  callAttributes,
  isFailure,
  outcomeAttributes,
  type RpcSide,
  rpcDurationBuckets,
  rpcSystemName,
  serverAddressOf,
  statusCodeOf,
} from "./rpc-attributes.js";
export { safeMessage, withMessage } from "./safe-message.js";
export { createServerMetricsInterceptor } from "./server-metrics-interceptor.js";
export type { SettleHooks } from "./settle-response.js";
export { settleResponse } from "./settle-response.js";
export { createStreamCapInterceptor } from "./stream-cap-interceptor.js";
export { createServerTracingInterceptor } from "./tracing-interceptor.js";
export { answerUndecodableRequests } from "./undecodable-requests.js";
export { createValidationInterceptor } from "./validation-interceptor.js";
