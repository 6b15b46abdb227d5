import { Code } from "@connectrpc/connect";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, levelOf, orderId, stockedItem } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let globex: Waybill;
let service: Waybill;

beforeAll(async () => {
  h = await startInventoryHarness({ RESERVATION_TTL_MS: "600000" });
  ({ acme, service } = h);
  globex = await h.as("brand", "globex");
});
afterAll(() => h?.stop());

/** An order of `brandId` whose lines were held, confirmed and committed (dispatched). */
async function committedOrder(brandId: string, lines: readonly { sku: string; quantity: number }[]): Promise<string> {
  const id = orderId();
  await service.inventory.reserveStock({
    orderId: id,
    brandId,
    lines: lines.map((line) => ({ sku: line.sku, quantity: BigInt(line.quantity) })),
  });
  await service.inventory.confirmReservation({ orderId: id });
  await service.inventory.commitReservation({ orderId: id });
  return id;
}

const returning = (client: Waybill, id: string, brandId: string, sku: string, quantity: number, key: string) =>
  client.inventory.returnStock({
    orderId: id,
    brandId,
    lines: [{ sku, quantity: BigInt(quantity) }],
    idempotencyKey: key,
  });

describe("ReturnStock checks the order it cites", () => {
  it("answers another brand's order exactly like an unknown one, and returns nothing", async () => {
    await stockedItem(acme, "acme", "X-1", 10);
    await stockedItem(globex, "globex", "X-1", 10);
    const acmeOrder = await committedOrder("acme", [{ sku: "X-1", quantity: 5 }]);
    const unknown = orderId();

    const foreign = await errorOf(returning(globex, acmeOrder, "globex", "X-1", 500, "steal"));
    const missing = await errorOf(returning(globex, unknown, "globex", "X-1", 500, "steal-2"));
    expect(foreign.code).toBe(Code.NotFound);
    expect(missing.code).toBe(Code.NotFound);
    expect(foreign.rawMessage.replace(acmeOrder, "<order>")).toBe(missing.rawMessage.replace(unknown, "<order>"));
    expect(await levelOf(globex, "globex", "X-1")).toMatchObject({ onHand: 10, sequence: 1 });
    expect(await levelOf(acme, "acme", "X-1")).toMatchObject({ onHand: 5 });
  });

  it("refuses an order whose stock was not consumed, a SKU not in the order, and more than committed", async () => {
    await stockedItem(acme, "acme", "Y-1", 10);
    await stockedItem(acme, "acme", "Y-2", 10);
    const held = orderId();
    await service.inventory.reserveStock({ orderId: held, brandId: "acme", lines: [{ sku: "Y-1", quantity: 2n }] });
    const notConsumed = await errorOf(returning(acme, held, "acme", "Y-1", 1, "held-1"));
    // Not yet dispatched is not final: ABORTED is not stored, and the same key works once committed.
    expect(notConsumed.code).toBe(Code.Aborted);
    expect(notConsumed.rawMessage).toContain("held");
    await service.inventory.confirmReservation({ orderId: held });
    await service.inventory.commitReservation({ orderId: held });
    expect((await returning(acme, held, "acme", "Y-1", 1, "held-1")).stock.map((level) => level.sku)).toEqual(["Y-1"]);

    const id = await committedOrder("acme", [{ sku: "Y-1", quantity: 3 }]);
    const otherSku = await errorOf(returning(acme, id, "acme", "Y-2", 1, "other-sku"));
    expect(otherSku.code).toBe(Code.FailedPrecondition);
    expect(otherSku.rawMessage).toContain("Y-2");
    const tooMany = await errorOf(returning(acme, id, "acme", "Y-1", 4, "too-many"));
    expect(tooMany.code).toBe(Code.FailedPrecondition);
    expect(tooMany.rawMessage).toContain("committed 3 of Y-1");
    // 10, less 2 dispatched and 1 returned for the first order, less 3 dispatched for this one.
    expect(await levelOf(acme, "acme", "Y-1")).toMatchObject({ onHand: 6, reserved: 0 });
    expect(await levelOf(acme, "acme", "Y-2")).toMatchObject({ onHand: 10 });
  });

  it("returns in parts up to the committed quantity, replays a retried key, and refuses the next unit", async () => {
    await stockedItem(acme, "acme", "Z-1", 10);
    const id = await committedOrder("acme", [{ sku: "Z-1", quantity: 5 }]);
    const first = await returning(acme, id, "acme", "Z-1", 2, "part-1");
    expect(first.stock[0]?.onHand).toBe(7n);
    const replay = await returning(acme, id, "acme", "Z-1", 2, "part-1");
    expect(replay.stock[0]?.ledgerSequence).toBe(first.stock[0]?.ledgerSequence);
    expect((await returning(acme, id, "acme", "Z-1", 3, "part-2")).stock[0]?.onHand).toBe(10n);
    const next = await errorOf(returning(acme, id, "acme", "Z-1", 1, "part-3"));
    expect(next.code).toBe(Code.FailedPrecondition);
    expect(next.rawMessage).toContain("5 came back already");
    expect(await levelOf(acme, "acme", "Z-1")).toMatchObject({ onHand: 10 });
  });

  it("never returns more than committed under concurrent returns of the same order", async () => {
    await stockedItem(acme, "acme", "C-1", 5);
    const id = await committedOrder("acme", [{ sku: "C-1", quantity: 5 }]);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => returning(acme, id, "acme", "C-1", 1, `concurrent-${i}`)),
    );
    const refused = await Promise.all(
      results.flatMap((result) => (result.status === "rejected" ? [errorOf(Promise.reject(result.reason))] : [])),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    expect(refused.map((error) => error.code)).toEqual(Array(5).fill(Code.FailedPrecondition));
    expect(await levelOf(acme, "acme", "C-1")).toMatchObject({ onHand: 5, reserved: 0 });
  });
});
