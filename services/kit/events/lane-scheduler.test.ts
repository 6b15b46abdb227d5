import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createLaneScheduler } from "./lane-scheduler.js";

describe("createLaneScheduler", () => {
  it("keeps each lane in order while lanes run side by side, never more than the limit at once", async () => {
    const lanes = createLaneScheduler(3, () => undefined);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, ms: number) => async () => {
      most = Math.max(most, ++running);
      await sleep(ms);
      log.push(name);
      running--;
    };
    await lanes.schedule("a", task("a1", 30));
    await lanes.schedule("a", task("a2", 1));
    await lanes.schedule("b", task("b1", 5));
    await lanes.schedule("c", task("c1", 5));
    await lanes.schedule("b", task("b2", 5));
    await lanes.drain();
    expect(log.indexOf("a1")).toBeLessThan(log.indexOf("a2"));
    expect(log.indexOf("b1")).toBeLessThan(log.indexOf("b2"));
    expect(log.indexOf("b1")).toBeLessThan(log.indexOf("a1")); // b did not wait for a
    expect(most).toBeLessThanOrEqual(3);
    expect(log).toHaveLength(5);
  });

  it("reports a failing task and goes on with its lane", async () => {
    const errors: unknown[] = [];
    const lanes = createLaneScheduler(1, (error) => errors.push(error));
    const done: string[] = [];
    await lanes.schedule("a", () => Promise.reject(new Error("boom")));
    await lanes.schedule("a", async () => void done.push("next"));
    await lanes.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(["next"]);
  });
});
