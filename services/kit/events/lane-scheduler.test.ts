import { describe, expect, it } from "vitest";
import { createLaneScheduler } from "./lane-scheduler.js";

/** A promise the test settles by hand, so the order of events never depends on timers. */
function gate(): { readonly wait: Promise<void>; readonly open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe("createLaneScheduler", () => {
  it("keeps each lane in order while other lanes go past a blocked one", async () => {
    const lanes = createLaneScheduler(3, () => undefined);
    const log: string[] = [];
    const a1 = gate();
    const a = lanes.run("a", async () => {
      await a1.wait;
      log.push("a1");
    });
    const a2 = lanes.run("a", async () => void log.push("a2"));
    await lanes.run("b", async () => void log.push("b1"));
    await lanes.run("b", async () => void log.push("b2"));
    expect(log).toEqual(["b1", "b2"]); // lane b finished while a1 still waits
    a1.open();
    await Promise.all([a, a2]);
    expect(log).toEqual(["b1", "b2", "a1", "a2"]);
  });

  it("never runs more tasks at once than the limit, and starts a waiting one when a slot frees", async () => {
    const lanes = createLaneScheduler(2, () => undefined);
    const gates = [gate(), gate(), gate()];
    const twoStarted = gate();
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = gates.map((g, index) =>
      lanes.run(`lane-${index}`, async () => {
        started.push(index);
        if (started.length === 2) twoStarted.open();
        most = Math.max(most, ++running);
        await g.wait;
        running--;
      }),
    );
    await twoStarted.wait;
    expect(started).toEqual([0, 1]); // the third waits for a slot
    gates[0]?.open();
    await tasks[0];
    gates[1]?.open();
    gates[2]?.open();
    await lanes.drain();
    expect(started).toEqual([0, 1, 2]);
    expect(most).toBe(2);
  });

  it("reports a failing task and goes on with its lane", async () => {
    const errors: unknown[] = [];
    const lanes = createLaneScheduler(1, (error) => errors.push(error));
    const done: string[] = [];
    void lanes.run("a", () => Promise.reject(new Error("boom")));
    void lanes.run("a", async () => void done.push("next"));
    await lanes.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(["next"]);
  });
});
