export { callerAddressKey, callerContextValues } from "./caller-address.js";
export type { ConnectionLimits } from "./connection-limits.js";
export type { HealthRegistry } from "./health-service.js";
export { createHealthRegistry, ServingStatus } from "./health-service.js";
export type { DualHandler, OnePortListener } from "./one-port-listener.js";
export { listenOnePort } from "./one-port-listener.js";
export { gateRequests, type RequestGateOptions } from "./request-gate.js";
