import { describe, expect, it } from "vitest";
import type { Simulation, SimulationSnapshot } from "../../../simulate/run-simulation.js";
import type { SimulationSummary } from "../../../simulate/summary.js";
import { createSingleSimulation, SimulationsClosedError } from "./single-simulation.js";

/** A simulation that ends when told to (or fails), and counts its stops. */
function fakeSimulation(name: string) {
  let end!: (summary: SimulationSummary) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<SimulationSummary>((resolve, reject) => {
    end = resolve;
    fail = reject;
  });
  done.catch(() => undefined);
  let stops = 0;
  const simulation: Simulation = {
    snapshot: () => ({ phase: "running", seed: 0, notes: [name] }) as unknown as SimulationSnapshot,
    stop() {
      stops++;
      end({} as SimulationSummary);
      return done;
    },
    done,
  };
  return { simulation, end: () => end({} as SimulationSummary), fail, stops: () => stops };
}

describe("one simulation per process", () => {
  it("answers the running one to a second start, and starts anew once it ended", async () => {
    const holder = createSingleSimulation();
    expect(holder.snapshot()).toBeUndefined();
    const first = fakeSimulation("first");
    expect(holder.start(() => first.simulation)).toEqual({ simulation: first.simulation, started: true });
    const second = fakeSimulation("second");
    expect(holder.start(() => second.simulation)).toEqual({ simulation: first.simulation, started: false });
    first.end();
    await first.simulation.done;
    expect(holder.start(() => second.simulation)).toEqual({ simulation: second.simulation, started: true });
    expect(holder.snapshot()?.notes).toEqual(["second"]);
  });

  it("stops the running one and waits for it, and does nothing when none runs", async () => {
    const holder = createSingleSimulation();
    await holder.stop();
    const first = fakeSimulation("first");
    holder.start(() => first.simulation);
    await holder.stop();
    expect(first.stops()).toBe(1);
    await holder.stop();
    expect(first.stops()).toBe(1);
    // The last one's state stays readable.
    expect(holder.snapshot()?.notes).toEqual(["first"]);
  });

  it("lets a new one start after a failed set-up, and a stop of a failed one does not throw", async () => {
    const holder = createSingleSimulation();
    const failing = fakeSimulation("failing");
    holder.start(() => failing.simulation);
    failing.fail(new Error("no database"));
    await failing.simulation.done.catch(() => undefined);
    await holder.stop();
    const next = fakeSimulation("next");
    expect(holder.start(() => next.simulation).started).toBe(true);
  });

  it("wakes watchers on a start, on a change the simulation reports, and on its end", async () => {
    const holder = createSingleSimulation();
    const never = new AbortController().signal;
    const started = holder.changed(never);
    const first = fakeSimulation("first");
    let report: () => void = () => undefined;
    holder.start((changed) => {
      report = changed;
      return first.simulation;
    });
    await started;
    const reported = holder.changed(never);
    report();
    await reported;
    const ended = holder.changed(never);
    first.end();
    await ended;
  });

  it("refuses a start once closed, also one that comes while the last run still drains", async () => {
    const holder = createSingleSimulation();
    const first = fakeSimulation("first");
    // A stop that drains for a while: the run ends only when told to.
    first.simulation.stop = () => {
      return first.simulation.done;
    };
    holder.start(() => first.simulation);
    const closing = holder.close();
    expect(holder.closed).toBe(true);
    const late = fakeSimulation("late");
    expect(() => holder.start(() => late.simulation)).toThrow(SimulationsClosedError);
    first.end();
    await closing;
    expect(() => holder.start(() => late.simulation)).toThrow(SimulationsClosedError);
    expect(holder.snapshot()?.notes).toEqual(["first"]);
  });

  it("lets a watcher go when its signal aborts", async () => {
    const holder = createSingleSimulation();
    const gone = new AbortController();
    const waiting = holder.changed(gone.signal);
    gone.abort();
    await waiting;
  });
});
