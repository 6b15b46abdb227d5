import { describe, expect, it } from "vitest";
import { createWatchQueue } from "./watch-queue.js";

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe("createWatchQueue", () => {
  it("delivers pushed values in order, waiting for new ones, until closed", async () => {
    const queue = createWatchQueue<number>({
      limit: 10,
      signal: new AbortController().signal,
      overflow: () => new Error("overflow"),
    });
    queue.push(1);
    const drained = drain(queue);
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.push(2);
    queue.push(3);
    queue.close();
    queue.push(4);
    expect(await drained).toEqual([1, 2, 3]);
  });

  it("ends at once when the signal aborts, even while waiting", async () => {
    const abort = new AbortController();
    const queue = createWatchQueue<number>({ limit: 10, signal: abort.signal, overflow: () => new Error("overflow") });
    const drained = drain(queue);
    setTimeout(() => abort.abort(), 10);
    expect(await drained).toEqual([]);
  });

  it("fails with the overflow error when the consumer falls too far behind, or with a close error", async () => {
    const queue = createWatchQueue<number>({
      limit: 2,
      signal: new AbortController().signal,
      overflow: () => new Error("too slow"),
    });
    for (const value of [1, 2, 3, 4]) queue.push(value);
    await expect(drain(queue)).rejects.toThrow("too slow");
    const closed = createWatchQueue<number>({
      limit: 2,
      signal: new AbortController().signal,
      overflow: () => new Error("x"),
    });
    closed.close(new Error("feed gone"));
    await expect(drain(closed)).rejects.toThrow("feed gone");
  });
});
