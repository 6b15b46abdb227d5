export type { StopTelemetry } from "./start-telemetry.js";
export { startTelemetry } from "./start-telemetry.js";
export { extractTraceContext, injectTraceContext } from "./trace-context.js";
