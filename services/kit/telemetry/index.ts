export { type ExportPlan, exportPlan, type TelemetryEnvironment } from "./export-plan.js";
export { durationBucketsSeconds } from "./metric-views.js";
export type { StartTelemetryOptions, StopTelemetry } from "./start-telemetry.js";
export { startTelemetry } from "./start-telemetry.js";
export { telemetryAttributes } from "./telemetry-resource.js";
export { extractTraceContext, injectTraceContext } from "./trace-context.js";
