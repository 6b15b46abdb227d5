import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { OrderStatus } from "@waybill/sdk/orders";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockedItem } from "../support/index.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import { signInAs } from "./support/sign-in-as.js";

// A partner places an order in the console's order form, in a real Chromium against a real
// Waybill: broken fields are marked before anything is sent, a quantity above the stock names the
// SKU and what is available on its line, and a valid order opens its page.

const brandId = `form-${randomBytes(3).toString("hex")}`;
const sku = "TEA-FORM";
const stock = 5;

let harness: ConsoleHarness;
let page: Page;
let partner: Waybill;
let customerId: string;
/** PlaceOrder calls the page made, to tell "refused before sending" from "refused by the server". */
const placeOrderCalls: string[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ page } = harness);
  const brand = await harness.waybill.as("brand", brandId);
  partner = await harness.waybill.as("partner", brandId);
  await stockedItem(brand, brandId, sku, stock);
  const { customer } = await partner.orders.createCustomer({
    name: "Katherine Johnson",
    email: `katherine+${randomUUID()}@example.com`,
  });
  customerId = customer!.customerId;
  page.on("request", (request) => {
    if (request.url().includes("/waybill.orders.v1.OrderService/PlaceOrder")) placeOrderCalls.push(request.url());
  });
}, 240_000);

afterAll(() => harness?.stop());

const form = () => page.getByRole("form", { name: "New order" });

/** Fills every field of the form with an order the contract accepts, for `quantity` units. */
async function fillValidOrder(quantity: string): Promise<void> {
  const f = form();
  await f.getByLabel("Customer id").fill(customerId);
  await f.getByLabel("Delivery zone").fill("berlin-mitte");
  await f.getByLabel("SKU of line 1").fill(sku);
  await f.getByLabel("Quantity of line 1").fill(quantity);
  await f.getByLabel("Recipient", { exact: true }).fill("Katherine Johnson");
  await f.getByLabel("Street and number").fill("Invalidenstrasse 1");
  await f.getByLabel("Postal code").fill("10115");
  await f.getByLabel("City").fill("Berlin");
  await f.getByLabel("Country").fill("DE");
}

describe("the console's order form, for a partner", () => {
  it("opens from the orders page and marks broken fields before sending", async () => {
    await signInAs(page, harness.origin, { role: "partner", brandId });
    await page.goto(harness.origin.signInUrl.replace("/sign-in", "/orders"));
    await page.getByRole("link", { name: "New order" }).click();
    await page.waitForURL(/\/orders\/new$/);

    await fillValidOrder("1");
    await form().getByLabel("City").fill("");
    await form().getByLabel("SKU of line 1").fill("not a sku!");
    await form().getByRole("button", { name: "Place order" }).click();
    await page.locator('input[name="city"][aria-invalid="true"]').waitFor();
    await page.locator('input[name="line-0-sku"][aria-invalid="true"]').waitFor();
    expect(await page.locator('input[name="line1"][aria-invalid="true"]').count()).toBe(0);
    expect(placeOrderCalls).toEqual([]);
  });

  it("names the short SKU with what is available, on its line", async () => {
    await fillValidOrder("50");
    await form().getByRole("button", { name: "Add a line" }).click();
    await form().getByLabel("SKU of line 2").fill(sku);
    await form().getByLabel("Quantity of line 2").fill("1");
    await form().getByRole("button", { name: "Place order" }).click();
    await page.getByRole("alert").filter({ hasText: "Not enough stock" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "Not enough stock" }).textContent()).toContain(
      `${sku}: 51 requested, ${stock} available`,
    );
    // Both lines of the short SKU say so under their quantity.
    const line = page.locator('[data-line="0"] .field-error');
    expect(await line.textContent()).toBe(`Only ${stock} of ${sku} available (51 requested)`);
    expect(await page.locator('[data-line="1"] .field-error').textContent()).toContain(`Only ${stock} of ${sku}`);
    expect(placeOrderCalls).toHaveLength(1);
    await page.screenshot({ path: `${screenshots}console-order-form.png`, fullPage: true });
    const { orders } = await partner.orders.listOrders({ brandId });
    expect(orders).toEqual([]);
  });

  it("places a valid order and opens its page", async () => {
    await form().getByRole("button", { name: "Remove line 2" }).click();
    await form().getByLabel("Quantity of line 1").fill("2");
    await form().getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split("/").pop()!;
    await page.locator('[data-testid="order-status"]').getByText("Placed").waitFor();
    const { order } = await partner.orders.getOrder({ orderId });
    expect(order).toMatchObject({ brandId, customerId, status: OrderStatus.PLACED, totalUnits: 2n });
    expect(harness.pageErrors).toEqual([]);
  });
});
