import type { Fault } from "./faults.js";
import type { SeenRequest } from "./simulator-server.js";

/** The simulator's admin endpoints, typed. */
export interface SimulatorControl {
  /** Queues faults for the next matching API requests (`POST /_faults`). */
  inject(...faults: readonly Fault[]): Promise<void>;
  /** Faults not used yet. */
  pending(): Promise<readonly Fault[]>;
  /** API requests seen so far, oldest first. */
  requests(): Promise<readonly SeenRequest[]>;
  /** Forgets the requests seen. */
  clearRequests(): Promise<void>;
  /** Empties campaigns, faults and requests. */
  reset(): Promise<void>;
}

/**
 * A client of a running simulator's admin endpoints (tests, scripts).
 *
 * @example
 * const control = createSimulatorControl(simulator.url);
 * await control.inject({ kind: "error", status: 500, method: "POST" });
 */
export function createSimulatorControl(url: string): SimulatorControl {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!response.ok)
      throw new Error(`simulator ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }
  return {
    inject: async (...faults) => void (await call("POST", "/_faults", { faults })),
    pending: async () => ((await call("GET", "/_faults")) as { faults: Fault[] }).faults,
    requests: async () => ((await call("GET", "/_requests")) as { requests: SeenRequest[] }).requests,
    clearRequests: async () => void (await call("DELETE", "/_requests")),
    reset: async () => void (await call("POST", "/_reset")),
  };
}
