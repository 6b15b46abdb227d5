export { createReconcileWorker } from "./reconcile-worker.js";
export { createSimulatorWorker, type SimulatorWorker, simulatedPlatform } from "./simulator-worker.js";
