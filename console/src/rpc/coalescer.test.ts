import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "./coalescer.js";

/** A run that stays under way until `finish` is called. */
function controlledRun() {
  const finishers: (() => void)[] = [];
  const run = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  return { run, finish: () => finishers.shift()?.() };
}

describe("createCoalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers a burst of requests with one run, the first at once", async () => {
    const { run, finish } = controlledRun();
    const coalescer = createCoalescer(run, 500);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    for (let i = 0; i < 20; i++) coalescer.request();
    await vi.advanceTimersByTimeAsync(499);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("never starts a run while one is under way, and runs again after it when asked meanwhile", async () => {
    const { run, finish } = controlledRun();
    const coalescer = createCoalescer(run, 500);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(0);
    coalescer.request();
    coalescer.request();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("keeps going after a failed run and stops when disposed", async () => {
    const run = vi.fn(() => Promise.reject(new Error("unavailable")));
    const coalescer = createCoalescer(run, 500);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(0);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(2);
    coalescer.request();
    coalescer.dispose();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
