export { createAuthInterceptor } from "./auth-interceptor.js";
export { createErrorInterceptor } from "./error-interceptor.js";
export { createLoggingInterceptor } from "./logging-interceptor.js";
export { safeMessage, withMessage } from "./safe-message.js";
export type { SettleHooks } from "./settle-response.js";
export { settleResponse } from "./settle-response.js";
export { createServerTracingInterceptor } from "./tracing-interceptor.js";
export { answerUndecodableRequests } from "./undecodable-requests.js";
export { createValidationInterceptor } from "./validation-interceptor.js";
