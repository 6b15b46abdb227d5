import { isMessage } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { OrderPlacedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, orderRequest, publishedEvents } from "../support/index.js";
import { type OrdersHarness, shortageOf, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});
afterAll(() => harness?.stop());

describe("PlaceOrder", () => {
  it("answers the placed order priced from Inventory, holds the stock and publishes OrderPlaced", async () => {
    await harness.stock("acme", "TEA", 10, 350);
    await harness.stock("acme", "MUG", 5, 1250);
    const { id, client } = await harness.customer();
    const placed = await client.orders.placeOrder(
      orderRequest(
        id,
        "acme",
        [
          ["TEA", 2],
          ["MUG", 1],
          ["TEA", 1],
        ],
        "checkout-1",
        { promoCode: "spring-24" },
      ),
    );
    const order = placed.order!;
    expect(order).toMatchObject({
      brandId: "acme",
      customerId: id,
      status: OrderStatus.PLACED,
      promoCode: "SPRING-24",
      totalUnits: 4n,
      total: { currencyCode: "EUR", minorUnits: 3n * 350n + 1250n },
      returnedTotal: { currencyCode: "EUR", minorUnits: 0n },
      deliveryZone: "berlin-mitte",
    });
    expect(
      order.lines.map((l) => [
        l.lineNumber,
        l.sku,
        l.name,
        l.quantity,
        l.unitPrice?.minorUnits,
        l.lineTotal?.minorUnits,
      ]),
    ).toEqual([
      [1, "TEA", "Item TEA", 2n, 350n, 700n],
      [2, "MUG", "Item MUG", 1n, 1250n, 1250n],
      [3, "TEA", "Item TEA", 1n, 350n, 350n],
    ]);
    expect((await harness.level("acme", "TEA")).reserved).toBe(3n);
    expect((await harness.level("acme", "MUG")).reserved).toBe(1n);
    expect((await client.orders.getOrder({ orderId: order.orderId })).order).toEqual(order);

    const [event, ...more] = await publishedEvents(harness.env, "orders", "OrderPlaced", order.orderId);
    expect(more).toEqual([]);
    expect(event!.tenant).toBe("acme");
    expect(isMessage(event!.payload, OrderPlacedSchema) && event!.payload.order).toEqual(order);
  });

  it("refuses a short order with FAILED_PRECONDITION naming each short SKU, holding nothing", async () => {
    await harness.stock("acme", "PLATE", 2);
    await harness.stock("acme", "BOWL", 1);
    await harness.stock("acme", "FORK", 9);
    const { id, client } = await harness.customer();
    const error = await errorOf(
      client.orders.placeOrder(
        orderRequest(
          id,
          "acme",
          [
            ["PLATE", 3],
            ["FORK", 1],
            ["BOWL", 1],
            ["BOWL", 1],
          ],
          "short-1",
        ),
      ),
    );
    expect(error.code).toBe(Code.FailedPrecondition);
    const skus = shortageOf(error)
      ?.skus.map((s) => [s.sku, s.requested, s.available])
      .sort();
    expect(skus).toEqual([
      ["BOWL", 2n, 1n],
      ["PLATE", 3n, 2n],
    ]);
    for (const sku of ["PLATE", "BOWL", "FORK"]) expect((await harness.level("acme", sku)).reserved).toBe(0n);
    expect((await client.orders.listOrders({ customerId: id })).orders).toEqual([]);
  });

  it("replays a retried key without holding more, and refuses the key for another order", async () => {
    await harness.stock("acme", "CUP", 10);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "acme", [["CUP", 2]], "retry-1");
    const first = await client.orders.placeOrder(request);
    const again = await client.orders.placeOrder(request);
    expect(again.order).toEqual(first.order);
    expect((await harness.level("acme", "CUP")).reserved).toBe(2n);
    const reused = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CUP", 3]], "retry-1")));
    expect(reused.code).toBe(Code.FailedPrecondition);
    expect((await harness.level("acme", "CUP")).reserved).toBe(2n);
  });

  it("creates one order for one key retried concurrently", async () => {
    await harness.stock("acme", "JUG", 100);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "acme", [["JUG", 3]], "storm-1");
    const results = await Promise.all(Array.from({ length: 20 }, () => client.orders.placeOrder(request)));
    expect(new Set(results.map((r) => r.order?.orderId)).size).toBe(1);
    expect(new Set(results.map((r) => `${r.order?.createTime?.seconds}.${r.order?.createTime?.nanos}`)).size).toBe(1);
    expect((await client.orders.listOrders({ customerId: id })).orders).toHaveLength(1);
    expect((await harness.level("acme", "JUG")).reserved).toBe(3n);
  });

  it("lets a customer order only for themselves and a partner only for its brand, and needs a known customer", async () => {
    await harness.stock("acme", "SPOON", 10);
    const { id, client } = await harness.customer();
    const other = await harness.customer();
    expect((await errorOf(client.orders.placeOrder(orderRequest(other.id, "acme", [["SPOON", 1]], "x")))).code).toBe(
      Code.PermissionDenied,
    );
    const partner = await harness.as("partner", "globex");
    expect((await errorOf(partner.orders.placeOrder(orderRequest(id, "acme", [["SPOON", 1]], "p")))).code).toBe(
      Code.PermissionDenied,
    );
    const brand = await harness.brand("acme");
    expect((await errorOf(brand.orders.placeOrder(orderRequest(id, "acme", [["SPOON", 1]], "b")))).code).toBe(
      Code.PermissionDenied,
    );
    const unknown = await errorOf(
      harness.admin.orders.placeOrder(orderRequest(crypto.randomUUID(), "acme", [["SPOON", 1]], "u")),
    );
    expect(unknown.code).toBe(Code.NotFound);
    const noSuchSku = await errorOf(
      client.orders.placeOrder(
        orderRequest(
          id,
          "acme",
          [
            ["SPOON", 1],
            ["NO-SUCH-SKU", 1],
          ],
          "n",
        ),
      ),
    );
    expect(noSuchSku.code).toBe(Code.NotFound);
    expect((await harness.level("acme", "SPOON")).reserved).toBe(0n);
  });

  it("refuses items priced in several currencies and gives their hold back", async () => {
    await harness.stock("acme", "EU-1", 5, 100, "EUR");
    await harness.stock("acme", "US-1", 5, 100, "USD");
    const { id, client } = await harness.customer();
    const mixed = await errorOf(
      client.orders.placeOrder(
        orderRequest(
          id,
          "acme",
          [
            ["EU-1", 1],
            ["US-1", 1],
          ],
          "mixed",
        ),
      ),
    );
    expect(mixed.code).toBe(Code.FailedPrecondition);
    expect(mixed.rawMessage).toContain("one currency");
    expect((await harness.level("acme", "EU-1")).reserved).toBe(0n);
    expect((await harness.level("acme", "US-1")).reserved).toBe(0n);
  });
});
