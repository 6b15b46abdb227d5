import { Code, ConnectError } from "@connectrpc/connect";
import { LedgerReason, type StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPages, changeStock, orderId, outboxPublished, stockedItem, waitFor } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";
import { type Replica, startReplica } from "./helpers/second-instance.js";

let h: InventoryHarness;
let acme: Waybill;

beforeAll(async () => {
  h = await startInventoryHarness();
  ({ acme } = h);
});
afterAll(() => h?.stop());

const view = (levels: readonly StockLevel[]) =>
  levels.map((s) => `${s.sku}:${s.onHand}/${s.reserved}#${s.ledgerSequence}`);

/** A running WatchStock call collecting what it receives. */
function watch(client: Waybill, request: { brandId: string; skus?: string[] }) {
  const received: StockLevel[] = [];
  const abort = new AbortController();
  const done = (async () => {
    for await (const response of client.inventory.watchStock({ skus: [], ...request }, { signal: abort.signal }))
      received.push(response.stock!);
  })().then(
    () => undefined,
    (error: unknown) => ConnectError.from(error),
  );
  return {
    received,
    abort,
    done,
    /** Waits until every level in `views` (as {@link view} writes them) has been received. */
    async until(...views: string[]) {
      const seen = await waitFor(
        async () => view(received),
        (list) => views.every((wanted) => list.includes(wanted)),
      );
      expect(seen).toEqual(expect.arrayContaining(views));
    },
  };
}

const restock = (client: Waybill, sku: string, delta: bigint, key: string) =>
  changeStock(client, "acme", sku, delta, key);

describe("WatchStock on one process", () => {
  // One relay publishes the outbox in order, so every change of an item reaches the stream in its
  // ledger order and the watch can show each one.
  it("loses and repeats nothing between the first levels and the live feed, even while stock is changing", async () => {
    await stockedItem(acme, "acme", "W-GAP", 0);
    let written = 0;
    const writing = (async () => {
      for (; written < 40; written++) await restock(acme, "W-GAP", 1n, `gap-${written}`);
    })();
    await waitFor(
      async () => written,
      (n) => n >= 10,
    );
    const watcher = watch(acme, { brandId: "acme", skus: ["W-GAP"] });
    await writing;
    await waitFor(
      async () => watcher.received.at(-1)?.ledgerSequence,
      (sequence) => sequence === 40n,
    );
    const sequences = watcher.received.map((s) => Number(s.ledgerSequence));
    const start = sequences[0]!;
    expect(start).toBeGreaterThan(1);
    expect(sequences).toEqual(Array.from({ length: 41 - start }, (_, i) => start + i));
    expect(watcher.received.at(-1)?.onHand).toBe(40n);
    watcher.abort.abort();
    await watcher.done;
  });
});

describe("WatchStock with a second replica", () => {
  let replica: Replica;

  beforeAll(async () => {
    replica = await startReplica(h);
  });
  afterAll(() => replica?.stop());

  it("sends the current levels first, then every change, including those made through another replica", async () => {
    await stockedItem(acme, "acme", "W-1", 5);
    await stockedItem(acme, "acme", "W-2", 8);
    await stockedItem(acme, "acme", "W-OTHER", 1);
    const watcher = watch(acme, { brandId: "acme", skus: ["W-2", "W-1"] });
    await waitFor(
      async () => watcher.received.length,
      (n) => n >= 2,
    );
    expect(view(watcher.received)).toEqual(["W-1:5/0#1", "W-2:8/0#1"]);

    // Both processes relay the shared outbox, so changes made one right after the other could reach
    // the stream out of order (and a watch never goes back to an older level): each change is seen
    // before the next one is made.
    const viaReplica = await replica.as("brand", "acme", "grpc");
    await restock(viaReplica, "W-1", 3n, "w-1");
    await watcher.until("W-1:8/0#2");
    await restock(acme, "W-OTHER", 1n, "w-o");
    // In the stream before every later change: had it been sent, it would arrive before them.
    await outboxPublished(h.env);
    const service = await replica.as("service");
    await service.inventory.reserveStock({
      orderId: orderId(),
      brandId: "acme",
      lines: [
        { sku: "W-2", quantity: 2n },
        { sku: "W-1", quantity: 1n },
      ],
    });
    await watcher.until("W-2:8/2#2", "W-1:8/1#3");
    await restock(acme, "W-2", -1n, "w-2");
    await watcher.until("W-2:7/2#3");

    const changes = view(watcher.received.slice(2));
    expect(changes.filter((c) => c.startsWith("W-1"))).toEqual(["W-1:8/0#2", "W-1:8/1#3"]);
    expect(changes.filter((c) => c.startsWith("W-2"))).toEqual(["W-2:8/2#2", "W-2:7/2#3"]);
    expect(changes).toHaveLength(4);
    watcher.abort.abort();
    expect((await watcher.done)?.code ?? Code.Canceled).toBe(Code.Canceled);
  });

  it("watches a whole brand, each level moving forward only, on every replica at once", async () => {
    await stockedItem(acme, "acme", "WB-1", 10);
    const globex = await h.as("brand", "globex");
    await stockedItem(globex, "globex", "WB-G", 10);
    const items = await allPages(async (pageToken) => {
      const page = await acme.inventory.listItems({ page: { pageSize: 100, pageToken } });
      return [page.items.map((item) => item.sku), page.page?.nextPageToken];
    });
    const here = watch(acme, { brandId: "acme" });
    const there = watch(await replica.as("brand", "acme"), { brandId: "acme" });
    // First the current level of each of acme's items, on both replicas.
    for (const watcher of [here, there]) {
      await waitFor(
        async () => watcher.received.length,
        (n) => n >= items.length,
      );
      expect(watcher.received.map((s) => s.sku).sort()).toEqual([...items].sort());
    }

    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? acme : globex).inventory.adjustStock({
          brandId: i % 2 ? "acme" : "globex",
          sku: i % 2 ? "WB-1" : "WB-G",
          delta: 1n,
          reason: LedgerReason.RESTOCK,
          idempotencyKey: `wb-${i}`,
        }),
      ),
    );
    for (const watcher of [here, there]) {
      await waitFor(
        async () => watcher.received.filter((s) => s.sku === "WB-1").at(-1)?.onHand,
        (onHand) => onHand === 20n,
      );
      const wb1 = watcher.received
        .slice(items.length)
        .filter((s) => s.sku === "WB-1")
        .map((s) => Number(s.ledgerSequence));
      expect(wb1).toEqual([...wb1].sort((a, b) => a - b));
      expect(new Set(wb1).size).toBe(wb1.length);
      expect(watcher.received.every((s) => s.brandId === "acme")).toBe(true);
      watcher.abort.abort();
      await watcher.done;
    }
  });

  it("refuses another brand and unknown SKUs, and ends when the server shuts down", async () => {
    const globex = await h.as("brand", "globex");
    const crossing = watch(globex, { brandId: "acme" });
    expect((await crossing.done)?.code).toBe(Code.PermissionDenied);
    const unknown = watch(acme, { brandId: "acme", skus: ["NOPE"] });
    expect((await unknown.done)?.code).toBe(Code.NotFound);

    await stockedItem(acme, "acme", "W-END", 1);
    const extra = await startReplica(h);
    const watcher = watch(await extra.as("brand", "acme"), { brandId: "acme", skus: ["W-END"] });
    await watcher.until("W-END:1/0#1");
    await extra.stop();
    // The watch ends with the server (one that outlived it would hold this test to its timeout),
    // cleanly rather than as an internal error.
    const ended = await watcher.done;
    expect(ended === undefined || ended.code !== Code.Internal).toBe(true);
  });
});
