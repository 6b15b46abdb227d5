/** Building services and running them in one process on one port. */
export { defineService } from "./define-service.js";
export { createEventRegistry } from "./event-registry.js";
export { createPeriodicWorker, type PeriodicWorkerOptions } from "./periodic-worker.js";
export { createSampledGaugeWorker, type SampledGaugeWorkerOptions } from "./sampled-gauge-worker.js";
export type {
  ServedService,
  ServiceContext,
  ServiceDefinition,
  ServiceDeps,
  ServiceInstance,
  ServiceSpec,
  Worker,
} from "./service-definition.js";
export { type RunningWaybill, type StartWaybillOptions, startWaybill } from "./start-waybill.js";
