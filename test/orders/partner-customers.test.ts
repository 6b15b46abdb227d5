import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, orderRequest } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});
afterAll(() => harness?.stop());

describe("a partner places orders only for its brand's customers", () => {
  it("refuses another brand's customer exactly like an unknown one, and holds nothing", async () => {
    await harness.stock("acme", "PEN", 10);
    await harness.stock("globex", "PEN", 10);
    const stranger = await harness.customer();
    await stranger.client.orders.placeOrder(orderRequest(stranger.id, "globex", [["PEN", 1]], "own"));
    const unknownId = crypto.randomUUID();
    const partner = await harness.as("partner", "acme");

    const foreign = await errorOf(partner.orders.placeOrder(orderRequest(stranger.id, "acme", [["PEN", 1]], "p-1")));
    const unknown = await errorOf(partner.orders.placeOrder(orderRequest(unknownId, "acme", [["PEN", 1]], "p-2")));
    expect(foreign.code).toBe(Code.NotFound);
    expect(unknown.code).toBe(Code.NotFound);
    expect(foreign.rawMessage.replace(stranger.id, "<id>")).toBe(unknown.rawMessage.replace(unknownId, "<id>"));
    expect((await harness.level("acme", "PEN")).reserved).toBe(0n);
  });

  it("places orders for a customer who already ordered from its brand, not from another brand", async () => {
    await harness.stock("acme", "INK", 10);
    await harness.stock("globex", "INK", 10);
    const { id, client } = await harness.customer();
    await client.orders.placeOrder(orderRequest(id, "globex", [["INK", 1]], "own-globex"));
    const acmePartner = await harness.as("partner", "acme");
    expect((await errorOf(acmePartner.orders.placeOrder(orderRequest(id, "acme", [["INK", 1]], "before")))).code).toBe(
      Code.NotFound,
    );

    await client.orders.placeOrder(orderRequest(id, "acme", [["INK", 1]], "own-acme"));
    const placed = await acmePartner.orders.placeOrder(orderRequest(id, "acme", [["INK", 2]], "after"));
    expect(placed.order).toMatchObject({ brandId: "acme", customerId: id, totalUnits: 2n });
    expect((await harness.level("acme", "INK")).reserved).toBe(3n);
  });
});
