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

/** An item that, when worked on, waits for its gate (if any) and is logged. */
interface Item {
  readonly name: string;
  readonly until?: Promise<void>;
  /** Called when the worker reaches the item. */
  readonly reached?: () => void;
}

/** A scheduler that logs each batch it is given and each item it finishes. */
function recordingScheduler(concurrency: number, batchSize: number) {
  const batches: string[][] = [];
  const finished: string[] = [];
  const errors: unknown[] = [];
  const lanes = createLaneScheduler<Item>({
    concurrency,
    batchSize,
    work: async (items) => {
      batches.push(items.map((item) => item.name));
      for (const item of items) {
        item.reached?.();
        await item.until;
        if (item.name.startsWith("fail")) throw new Error(item.name);
        finished.push(item.name);
      }
    },
    onError: (error) => errors.push(error),
  });
  return { lanes, batches, finished, errors };
}

describe("createLaneScheduler", () => {
  it("batches the items of a lane added together, in order, up to the batch size", async () => {
    const { lanes, batches, finished } = recordingScheduler(1, 3);
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) void lanes.add("a", { name });
    await lanes.drain();
    expect(batches).toEqual([
      ["a1", "a2", "a3"],
      ["a4", "a5"],
    ]);
    expect(finished).toEqual(["a1", "a2", "a3", "a4", "a5"]);
  });

  it("puts items added while a lane's batch runs into its next batch", async () => {
    const { lanes, batches } = recordingScheduler(1, 10);
    const first = gate();
    const reached = gate();
    void lanes.add("a", { name: "a1", until: first.wait, reached: reached.open });
    await reached.wait;
    void lanes.add("other", { name: "o1" }); // waits for the one slot
    void lanes.add("a", { name: "a2" });
    void lanes.add("a", { name: "a3" });
    expect(batches).toEqual([["a1"]]);
    first.open();
    await lanes.drain();
    // The waiting lane goes first, then lane a's items that came meanwhile, together.
    expect(batches).toEqual([["a1"], ["o1"], ["a2", "a3"]]);
  });

  it("keeps each lane in order while other lanes go past a blocked one", async () => {
    const { lanes, finished } = recordingScheduler(3, 1);
    const a1 = gate();
    const a = lanes.add("a", { name: "a1", until: a1.wait });
    const a2 = lanes.add("a", { name: "a2" });
    await lanes.add("b", { name: "b1" });
    await lanes.add("b", { name: "b2" });
    expect(finished).toEqual(["b1", "b2"]); // lane b finished while a1 still waits
    a1.open();
    await Promise.all([a, a2]);
    expect(finished).toEqual(["b1", "b2", "a1", "a2"]);
  });

  it("never works on more batches at once than the limit, and starts a waiting one when a slot frees", async () => {
    const gates = [gate(), gate(), gate()];
    const twoStarted = gate();
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const lanes = createLaneScheduler<number>({
      concurrency: 2,
      batchSize: 8,
      work: async ([index]) => {
        started.push(index!);
        if (started.length === 2) twoStarted.open();
        most = Math.max(most, ++running);
        await gates[index!]?.wait;
        running--;
      },
      onError: () => undefined,
    });
    const tasks = [0, 1, 2].map((index) => lanes.add(`lane-${index}`, index));
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

  it("reports a failing batch and goes on with its lane", async () => {
    const { lanes, batches, finished, errors } = recordingScheduler(1, 1);
    const failed = lanes.add("a", { name: "fail-1" });
    void lanes.add("a", { name: "next" });
    await expect(failed).resolves.toBeUndefined();
    await lanes.drain();
    expect(errors).toHaveLength(1);
    expect(batches).toEqual([["fail-1"], ["next"]]);
    expect(finished).toEqual(["next"]);
  });

  it("drains at once when nothing is queued", async () => {
    const { lanes } = recordingScheduler(1, 1);
    await lanes.drain();
    await lanes.add("a", { name: "a1" });
    await lanes.drain();
  });
});
