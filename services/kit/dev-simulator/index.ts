/** The traffic simulator in process: `waybill.dev.v1.SimulatorService`, served while DEV_SIGN_IN_ENABLED. */
export { createDevSimulator, type DevSimulator, type DevSimulatorOptions } from "./dev-simulator-service.js";
export { ownUrl } from "./own-url.js";
export { type SimulationSettings, simulationDefaults, simulationSettings } from "./simulation-request.js";
