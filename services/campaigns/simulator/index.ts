export { type Chaos, createFaultQueue, type Fault, type FaultQueue, parseFaults } from "./faults.js";
export { createSimulatorControl, type SimulatorControl } from "./simulator-control.js";
export {
  type PlatformSimulator,
  type PlatformSimulatorOptions,
  type SeenRequest,
  startPlatformSimulator,
} from "./simulator-server.js";
