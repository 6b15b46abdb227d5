import type { Logger } from "pino";
import type { Worker } from "../../kit/app/index.js";
import { defaultPlatform } from "../domain/index.js";
import { type PlatformSimulator, startPlatformSimulator } from "../simulator/index.js";

/** The in-process platform simulator, as a worker that knows its URL once started. */
export interface SimulatorWorker extends Worker {
  /** Base URL of the running simulator; throws before `start()`. */
  url(): string;
}

/**
 * Runs the ad platform simulator inside the Campaigns process, on a free port, for development
 * without `PLATFORM_URL` (never in production). It starts before the other workers and stops after
 * them, and logs where it listens so its fault endpoints can be used by hand.
 */
export function createSimulatorWorker(logger: Logger): SimulatorWorker {
  let simulator: PlatformSimulator | undefined;
  return {
    async start() {
      simulator ??= await startPlatformSimulator();
      logger.warn(
        { url: simulator.url, platform: defaultPlatform },
        `PLATFORM_URL is not set: the ad platform simulator runs in process at ${simulator.url}`,
      );
    },
    async stop() {
      await simulator?.close();
      simulator = undefined;
    },
    url() {
      if (!simulator) throw new Error("the ad platform simulator has not started");
      return simulator.url;
    },
  };
}
