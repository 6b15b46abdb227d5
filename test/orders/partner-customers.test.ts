import { Code } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, orderRequest } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});
afterAll(() => harness?.stop());

/** A new customer's fields; the email is unique per call. */
const newCustomer = (name: string, key: string) => ({
  name,
  email: `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.com`,
  idempotencyKey: key,
});

describe("a partner completes a checkout alone", () => {
  it("creates a customer of its brand, reads it and places its first order", async () => {
    await harness.stock("acme", "CUP", 10);
    const partner = await harness.as("partner", "acme");

    const request = newCustomer("Ada", "checkout-ada");
    const created = (await partner.orders.createCustomer(request)).customer;
    const customerId = created?.customerId ?? "";
    expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
    const read = (await partner.orders.getCustomer({ customerId })).customer;
    expect(read).toMatchObject({ customerId, name: "Ada", email: created?.email });
    const placed = await partner.orders.placeOrder(orderRequest(customerId, "acme", [["CUP", 2]], "checkout-ada-1"));
    expect(placed.order).toMatchObject({ brandId: "acme", customerId, status: OrderStatus.PLACED, totalUnits: 2n });
    expect((await harness.level("acme", "CUP")).reserved).toBe(2n);
    // A retry of the creation replays the same customer, not a second one.
    const again = (await partner.orders.createCustomer(request)).customer;
    expect(again?.customerId).toBe(customerId);
  });

  it("reads a customer who ordered from its brand, though it did not create them", async () => {
    await harness.stock("acme", "BOWL", 10);
    const { id, client } = await harness.customer();
    const partner = await harness.as("partner", "acme");
    expect((await errorOf(partner.orders.getCustomer({ customerId: id }))).code).toBe(Code.NotFound);
    await client.orders.placeOrder(orderRequest(id, "acme", [["BOWL", 1]], "own-bowl"));
    expect((await partner.orders.getCustomer({ customerId: id })).customer?.customerId).toBe(id);
  });

  it("answers another brand's partner NOT_FOUND for that customer, exactly like an unknown id", async () => {
    await harness.stock("globex", "CUP", 10);
    const acme = await harness.as("partner", "acme");
    const globex = await harness.as("partner", "globex");
    const customerId =
      (await acme.orders.createCustomer(newCustomer("Bea", "checkout-bea"))).customer?.customerId ?? "";
    const unknownId = crypto.randomUUID();
    const same = (foreign: { code: Code; rawMessage: string }, unknown: { code: Code; rawMessage: string }) => {
      expect(foreign.code).toBe(Code.NotFound);
      expect(unknown.code).toBe(Code.NotFound);
      expect(foreign.rawMessage.replace(customerId, "<id>")).toBe(unknown.rawMessage.replace(unknownId, "<id>"));
    };

    same(
      await errorOf(globex.orders.getCustomer({ customerId })),
      await errorOf(globex.orders.getCustomer({ customerId: unknownId })),
    );
    same(
      await errorOf(globex.orders.placeOrder(orderRequest(customerId, "globex", [["CUP", 1]], "globex-bea"))),
      await errorOf(globex.orders.placeOrder(orderRequest(unknownId, "globex", [["CUP", 1]], "globex-unknown"))),
    );
    expect((await harness.level("globex", "CUP")).reserved).toBe(0n);
    // The brand that created the customer still reaches them.
    expect((await acme.orders.getCustomer({ customerId })).customer?.name).toBe("Bea");
  });

  it("may not choose the new customer's id", async () => {
    const partner = await harness.as("partner", "acme");
    const error = await errorOf(
      partner.orders.createCustomer({ ...newCustomer("Cy", "checkout-cy"), customerId: crypto.randomUUID() }),
    );
    expect(error.code).toBe(Code.PermissionDenied);
    expect(error.rawMessage).toContain("customer_id empty");
  });
});

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
