import { describe, expect, it } from "vitest";
import { createWatchQueue } from "./watch-queue.js";
import { type LiveChanges, watchWithSnapshot } from "./watch-with-snapshot.js";

interface Level {
  readonly sku: string;
  readonly sequence: number;
}

/** A live source the test pushes into, as a feed would. */
function liveSource(signal: AbortSignal) {
  const queue = createWatchQueue<Level>({ limit: 100, signal, overflow: () => new Error("overflow") });
  let closed = false;
  const live: LiveChanges<Level> = {
    [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
    close: () => {
      closed = true;
    },
  };
  return { live, push: (level: Level) => queue.push(level), end: () => queue.close(), isClosed: () => closed };
}

describe("watchWithSnapshot", () => {
  it("listens before reading the snapshot, then sends only changes newer than what was sent per key", async () => {
    const abort = new AbortController();
    const source = liveSource(abort.signal);
    const order: string[] = [];
    const sent: Level[] = [];
    const watch = watchWithSnapshot<Level>({
      signal: abort.signal,
      subscribe: () => {
        order.push("subscribe");
        return source.live;
      },
      snapshot: () => {
        order.push("snapshot");
        // Changes committed while the snapshot is read arrive on the live side too.
        source.push({ sku: "A", sequence: 3 });
        source.push({ sku: "B", sequence: 2 });
        source.push({ sku: "A", sequence: 2 }); // relayed late by another replica: older than sent
        source.push({ sku: "A", sequence: 4 });
        source.end();
        return [
          { sku: "A", sequence: 3 },
          { sku: "B", sequence: 1 },
        ];
      },
      versionOf: (level) => [level.sku, level.sequence],
    });
    for await (const level of watch) sent.push(level);
    expect(order).toEqual(["subscribe", "snapshot"]);
    expect(sent).toEqual([
      { sku: "A", sequence: 3 },
      { sku: "B", sequence: 1 },
      { sku: "B", sequence: 2 },
      { sku: "A", sequence: 4 },
    ]);
    expect(source.isClosed()).toBe(true);
  });

  it("stops listening when the watch ends early", async () => {
    const abort = new AbortController();
    const source = liveSource(abort.signal);
    const watch = watchWithSnapshot<Level>({
      signal: abort.signal,
      subscribe: () => source.live,
      snapshot: () => [{ sku: "A", sequence: 1 }],
      versionOf: (level) => [level.sku, level.sequence],
    });
    for await (const level of watch) {
      expect(level.sku).toBe("A");
      abort.abort();
    }
    expect(source.isClosed()).toBe(true);
  });
});
