import { Code, ConnectError } from "@connectrpc/connect";
import { LedgerReason, type StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import { inventoryService } from "../../services/inventory/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { orderId, stockedItem, waitFor } from "./helpers/fixtures.js";
import { type Replica, startReplica } from "./helpers/second-instance.js";

let waybill: TestWaybill;
let replica: Replica;
let acme: Waybill;

beforeAll(async () => {
  waybill = await startTestWaybill({ definitions: [inventoryService] });
  replica = await startReplica(waybill);
  acme = await waybill.as("brand", "acme");
});
afterAll(async () => {
  await replica?.stop();
  await waybill?.stop();
});

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
  return { received, abort, done };
}

const view = (levels: readonly StockLevel[]) =>
  levels.map((s) => `${s.sku}:${s.onHand}/${s.reserved}#${s.ledgerSequence}`);

describe("WatchStock", () => {
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

    const viaReplica = await replica.as("brand", "acme", "grpc");
    await viaReplica.inventory.adjustStock({
      brandId: "acme",
      sku: "W-1",
      delta: 3n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "w-1",
    });
    await acme.inventory.adjustStock({
      brandId: "acme",
      sku: "W-OTHER",
      delta: 1n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "w-o",
    });
    const service = await replica.as("service");
    await service.inventory.reserveStock({
      orderId: orderId(),
      brandId: "acme",
      lines: [
        { sku: "W-2", quantity: 2n },
        { sku: "W-1", quantity: 1n },
      ],
    });
    await acme.inventory.adjustStock({
      brandId: "acme",
      sku: "W-2",
      delta: -1n,
      reason: LedgerReason.ADJUSTMENT,
      idempotencyKey: "w-2",
    });

    await waitFor(
      async () => watcher.received.length,
      (n) => n >= 6,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changes = view(watcher.received.slice(2));
    expect(changes.filter((c) => c.startsWith("W-1"))).toEqual(["W-1:8/0#2", "W-1:8/1#3"]);
    expect(changes.filter((c) => c.startsWith("W-2"))).toEqual(["W-2:8/2#2", "W-2:7/2#3"]);
    expect(changes).toHaveLength(4);
    watcher.abort.abort();
    expect((await watcher.done)?.code ?? Code.Canceled).toBe(Code.Canceled);
  });

  it("loses and repeats nothing between the first levels and the live feed, even while stock is changing", async () => {
    await stockedItem(acme, "acme", "W-GAP", 0);
    const writer = await replica.as("brand", "acme", "grpc");
    let written = 0;
    const writing = (async () => {
      for (; written < 40; written++) {
        await writer.inventory.adjustStock({
          brandId: "acme",
          sku: "W-GAP",
          delta: 1n,
          reason: LedgerReason.RESTOCK,
          idempotencyKey: `gap-${written}`,
        });
      }
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

  it("watches a whole brand, each level moving forward only, on every replica at once", async () => {
    await stockedItem(acme, "acme", "WB-1", 10);
    const globex = await waybill.as("brand", "globex");
    await stockedItem(globex, "globex", "WB-G", 10);
    const here = watch(acme, { brandId: "acme" });
    const there = watch(await replica.as("brand", "acme"), { brandId: "acme" });
    const initial = await waitFor(
      async () => [here.received.length, there.received.length],
      ([a, b]) => a! > 0 && b! > 0,
    );
    expect(initial[0]).toBe(initial[1]);
    const first = here.received.length;

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
        .slice(first)
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
    const globex = await waybill.as("brand", "globex");
    const crossing = watch(globex, { brandId: "acme" });
    expect((await crossing.done)?.code).toBe(Code.PermissionDenied);
    const unknown = watch(acme, { brandId: "acme", skus: ["NOPE"] });
    expect((await unknown.done)?.code).toBe(Code.NotFound);

    const extra = await startReplica(waybill);
    const watcher = watch(await extra.as("brand", "acme"), { brandId: "acme", skus: ["W-1"] });
    await waitFor(
      async () => watcher.received.length,
      (n) => n >= 1,
    );
    const stopped = performance.now();
    await extra.stop();
    const ended = await watcher.done;
    expect(ended === undefined || ended.code !== Code.Internal).toBe(true);
    expect(performance.now() - stopped).toBeLessThan(2_000);
  });
});
