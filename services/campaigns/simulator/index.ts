export { createFaultQueue, parseFaults, type Chaos, type Fault, type FaultQueue } from "./faults.js";
export { startPlatformSimulator, type PlatformSimulator, type PlatformSimulatorOptions, type SeenRequest } from "./simulator-server.js";
export { createSimulatorControl, type SimulatorControl } from "./simulator-control.js";
