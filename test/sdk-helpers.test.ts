import { randomUUID } from "node:crypto";
import { ItemSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { OrderSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import {
  fromJson,
  isNotFound,
  paginate,
  signWebhookPayload,
  stockShortageOf,
  toJson,
  toJsonString,
  verifyWebhookSignature,
  violationsOf,
  type Waybill,
  waybillErrorOf,
} from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, orderRequest, stockedItem } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

let waybill: TestWaybill;
let admin: Waybill;
let customerId: string;

beforeAll(async () => {
  waybill = await startTestWaybill();
  admin = await waybill.as("admin");
  customerId = randomUUID();
  await admin.orders.createCustomer({
    customerId,
    name: "Ada Lovelace",
    email: `ada-${customerId.slice(0, 8)}@example.com`,
    idempotencyKey: `customer-${customerId}`,
  });
}, 60_000);
afterAll(() => waybill?.stop());

describe("paginate", () => {
  it("yields every item of a list once, over several pages, in the server's order", async () => {
    const skus = ["P-1", "P-2", "P-3", "P-4", "P-5"];
    for (const sku of skus) await stockedItem(admin, "paged", sku, 0);
    const seen: string[] = [];
    for await (const item of paginate(admin.inventory.listItems, { brandId: "paged", page: { pageSize: 2 } }))
      seen.push(item.sku);
    expect(seen.toSorted()).toEqual(skus);
    // The loop fetched the pages one by one: three pages of at most two items each.
    const firstPage = await admin.inventory.listItems({ brandId: "paged", page: { pageSize: 2 } });
    expect(firstPage.items.map((item) => item.sku)).toEqual(seen.slice(0, 2));
    expect(firstPage.page?.nextPageToken).not.toBe("");
  });

  it("ends at once on an empty list, and pages other RPCs by their own repeated field", async () => {
    const none: unknown[] = [];
    for await (const order of paginate(admin.orders.listOrders, { brandId: "nobody" })) none.push(order);
    expect(none).toEqual([]);
    await stockedItem(admin, "paged", "H-1", 3);
    const entries = [];
    for await (const entry of paginate(admin.inventory.getStockHistory, {
      brandId: "paged",
      sku: "H-1",
      page: { pageSize: 1 },
    }))
      entries.push(entry);
    expect(entries.map((entry) => Number(entry.deltaOnHand))).toEqual([3]);
  });
});

describe("typed errors", () => {
  it("a PlaceOrder refused for stock decodes to its short SKUs", async () => {
    await stockedItem(admin, "errors", "SHORT-1", 1);
    await stockedItem(admin, "errors", "PLENTY-1", 10);
    const error = await errorOf(
      admin.orders.placeOrder(
        orderRequest(
          customerId,
          "errors",
          [
            ["SHORT-1", 2],
            ["PLENTY-1", 1],
            ["SHORT-1", 1],
          ],
          randomUUID(),
        ),
      ),
    );
    const expected = [expect.objectContaining({ sku: "SHORT-1", requested: 3n, available: 1n })];
    expect(stockShortageOf(error)).toEqual(expected);
    const failure = waybillErrorOf(error);
    expect(failure.kind).toBe("stock-shortage");
    if (failure.kind === "stock-shortage") expect(failure.skus).toEqual(expected);
    expect(violationsOf(error)).toBeUndefined();
  });

  it("a request that breaks validation rules decodes by field path", async () => {
    const request = orderRequest(customerId, "errors", [["PLENTY-1", 0]], randomUUID());
    const error = await errorOf(admin.orders.placeOrder({ ...request, promoCode: "!" }));
    const violations = violationsOf(error) ?? [];
    expect(violations.map((violation) => violation.field).toSorted()).toEqual(["lines[0].quantity", "promo_code"]);
    expect(violations.find((violation) => violation.field === "lines[0].quantity")?.ruleId).toBe("int64.gte_lte");
    const failure = waybillErrorOf(error);
    expect(failure.kind === "invalid" && failure.violations).toEqual(violations);
    expect(stockShortageOf(error)).toBeUndefined();
  });

  it("not found, permission denied and non-Connect values get their own kinds", async () => {
    const missing = await errorOf(admin.orders.getOrder({ orderId: randomUUID() }));
    expect(isNotFound(missing)).toBe(true);
    expect(waybillErrorOf(missing).kind).toBe("not-found");
    const otherBrand = await waybill.as("brand", "someone-else");
    const refused = await errorOf(otherBrand.inventory.listItems({ brandId: "errors" }));
    expect(waybillErrorOf(refused).kind).toBe("permission-denied");
    expect(waybillErrorOf(new Error("boom"))).toMatchObject({ kind: "other", error: { message: "[unknown] boom" } });
  });
});

describe("JSON", () => {
  it("writes enums by name and 64-bit integers as strings, and reads its own output back", async () => {
    await stockedItem(admin, "json", "J-1", 5, { price: 1250n });
    const { order } = await admin.orders.placeOrder(orderRequest(customerId, "json", [["J-1", 2]], randomUUID()));
    if (!order) throw new Error("no order");
    expect(() => JSON.stringify(order)).toThrow(/BigInt/);
    const json = toJson(OrderSchema, order) as Record<string, unknown>;
    expect(json.status).toBe("ORDER_STATUS_PLACED");
    expect(json.totalUnits).toBe("2");
    expect(json.total).toEqual({ currencyCode: "EUR", minorUnits: "2500" });
    expect(fromJson(OrderSchema, JSON.parse(toJsonString(OrderSchema, order)))).toEqual(order);
    const { item } = await admin.inventory.getItem({ brandId: "json", sku: "J-1" });
    if (!item) throw new Error("no item");
    expect(toJson(ItemSchema, item, { protoFieldNames: true })).toMatchObject({ brand_id: "json", sku: "J-1" });
  });
});

describe("webhook signatures", () => {
  it("a body signed with the object-argument signer verifies with the same secret only", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: randomUUID(), type: "waybill.orders.v1.OrderPlaced" });
    const signature = await signWebhookPayload({ secret: "whsec_a", timestamp, body });
    const check = { body, timestamp: String(timestamp), signature };
    expect(await verifyWebhookSignature({ ...check, secret: "whsec_a" })).toBe(true);
    expect(await verifyWebhookSignature({ ...check, secret: "whsec_b" })).toBe(false);
  });
});
