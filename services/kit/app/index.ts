export { withCors } from "./cors-handler.js";
export { createRoutes, serverInterceptors } from "./create-routes.js";
export { createEventRegistry } from "./event-registry.js";
export { createPeriodicWorker, type PeriodicWorkerOptions } from "./periodic-worker.js";
export type { LocalRoutes } from "./service-clients.js";
export { createServiceClients } from "./service-clients.js";
export type { ServiceDefinition, ServiceDeps, ServiceInstance, Worker } from "./service-definition.js";
export type { RunningWaybill } from "./start-waybill.js";
export { startWaybill } from "./start-waybill.js";
