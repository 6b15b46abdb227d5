import type { Simulation, SimulationSnapshot } from "../../../simulate/run-simulation.js";

/** At most one simulation at a time, and word of each change of it. */
export interface SingleSimulation {
  /**
   * Starts one with `start` unless one runs: answers the one running now, and whether this call
   * started it. Throws {@link SimulationsClosedError} once {@link close} was called.
   */
  start(start: (changed: () => void) => Simulation): { readonly simulation: Simulation; readonly started: boolean };
  /** Stops the running one and waits for it to end (a failed set-up included); nothing when none runs. */
  stop(): Promise<void>;
  /** Refuses every later start, then stops the running one (the process is shutting down). */
  close(): Promise<void>;
  /** Whether {@link close} was called. */
  readonly closed: boolean;
  /** The running simulation's state, else the last one's, else undefined. */
  snapshot(): SimulationSnapshot | undefined;
  /** Settles at the next change (a start, a phase, an end), or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void>;
}

/** A start after {@link SingleSimulation.close}: the process is shutting down. */
export class SimulationsClosedError extends Error {
  override readonly name = "SimulationsClosedError";
  constructor() {
    super("the process is shutting down");
  }
}

/**
 * Holds the process's simulation. A start while one is running (setting up, running or stopping)
 * answers that one unchanged; once it has ended, the next start replaces it. `start` receives a
 * function to call when the new simulation changes phase. Once closed, no start succeeds, so a
 * start that arrives while shutdown waits for the last run to drain cannot begin a new one.
 */
export function createSingleSimulation(): SingleSimulation {
  let current: Simulation | undefined;
  let over = true;
  let closed = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    const woken = [...waiters];
    waiters.clear();
    for (const wake of woken) wake();
  };
  const stop = async () => {
    if (!current || over) return;
    const stopping = current.stop();
    notify();
    await stopping.catch(() => undefined);
  };
  return {
    start(start) {
      if (closed) throw new SimulationsClosedError();
      if (current && !over) return { simulation: current, started: false };
      const simulation = start(notify);
      current = simulation;
      over = false;
      const ended = () => {
        if (current === simulation) over = true;
        notify();
      };
      simulation.done.then(ended, ended);
      notify();
      return { simulation, started: true };
    },
    stop,
    close() {
      closed = true;
      return stop();
    },
    get closed() {
      return closed;
    },
    snapshot: () => current?.snapshot(),
    changed(signal) {
      return new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const wake = () => {
          waiters.delete(wake);
          signal.removeEventListener("abort", wake);
          resolve();
        };
        waiters.add(wake);
        signal.addEventListener("abort", wake, { once: true });
      });
    },
  };
}
