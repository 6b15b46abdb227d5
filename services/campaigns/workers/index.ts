export { createReconcileWorker } from "./reconcile-worker.js";
export { createSimulatorWorker, type SimulatorWorker } from "./simulator-worker.js";
