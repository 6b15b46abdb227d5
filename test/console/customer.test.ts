import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { OrderStatus } from "@waybill/sdk/orders";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRequest, stockedItem } from "../support/index.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import { signInAs } from "./support/sign-in-as.js";

// A customer follows their orders in the console, in a real Chromium against a real Waybill: an
// order placed for them through the SDK shows in their list, and its status changes on screen,
// without a reload, when the brand moves it through the SDK (the customer's WatchActivity); the
// order's page shows its timeline and activity; the customer places an order of their own.

const brandId = `cust-${randomBytes(3).toString("hex")}`;
const sku = "BREAD-E2E";

let harness: ConsoleHarness;
let page: Page;
let brand: Waybill;
let customerId: string;
let orderId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ page } = harness);
  brand = await harness.waybill.as("brand", brandId);
  const partner = await harness.waybill.as("partner", brandId);
  await stockedItem(brand, brandId, sku, 20);
  const { customer } = await partner.orders.createCustomer({
    name: "Margaret Hamilton",
    email: `margaret+${randomUUID()}@example.com`,
  });
  customerId = customer!.customerId;
  const { order } = await partner.orders.placeOrder(orderRequest(customerId, brandId, [[sku, 3]], randomUUID()));
  orderId = order!.orderId;
}, 240_000);

afterAll(() => harness?.stop());

/** The status badge of the order's row in the list. */
const rowStatus = () => page.locator(`tr[data-row="${orderId}"] td[data-column="status"]`);

/** Moves the order on as the brand, through the SDK. */
const move = (status: OrderStatus) => brand.orders.updateOrderStatus({ orderId, status, idempotencyKey: randomUUID() });

describe("the console's pages for a customer", () => {
  it("lists the customer's order and shows a move by the brand live", async () => {
    await signInAs(page, harness.origin, { role: "customer", customerId });
    await rowStatus().getByText("Placed").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(1);
    await page.locator('[data-live="open"]').waitFor();
    await move(OrderStatus.PREPARING);
    await rowStatus().getByText("Preparing").waitFor();
    await page.screenshot({ path: `${screenshots}console-my-orders.png`, fullPage: true });
  });

  it("shows the order's timeline and activity, and its status live", async () => {
    await page.locator(`tr[data-row="${orderId}"] td[data-column="order"] a`).click();
    await page.waitForURL(new RegExp(`/my-orders/${orderId}$`));
    const status = page.locator('[data-testid="order-status"]');
    await status.getByText("Preparing").waitFor();
    await page.locator('[data-testid="order-timeline"] li[data-status="Preparing"]').waitFor();
    await page.locator('[data-testid="order-activity"] li').first().waitFor();
    await page.locator('[data-live="open"]').waitFor();
    await move(OrderStatus.READY_FOR_DISPATCH);
    await status.getByText("Ready for dispatch").waitFor();
    await page.locator('[data-testid="order-timeline"] li[data-status="Ready for dispatch"]').waitFor();
    // A brand's kitchen moves are not the customer's to make.
    expect(await page.getByRole("button", { name: /Start preparing|Mark ready/ }).count()).toBe(0);
    await page.screenshot({ path: `${screenshots}console-my-order.png`, fullPage: true });
  });

  it("places an order of the customer's own and lands on it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Place an order" }).click();
    await page.waitForURL(/\/my-orders\/new$/);
    const form = page.getByRole("form", { name: "New order" });
    // A customer orders for themselves: the form has no customer field.
    expect(await form.getByLabel("Customer id").count()).toBe(0);
    await form.getByLabel("Brand").fill(brandId);
    await form.getByLabel("Delivery zone").fill("berlin-mitte");
    await form.getByLabel("SKU of line 1").fill(sku);
    await form.getByLabel("Quantity of line 1").fill("1");
    await form.getByLabel("Recipient", { exact: true }).fill("Margaret Hamilton");
    await form.getByLabel("Street and number").fill("Main Street 1");
    await form.getByLabel("City").fill("Boston");
    await form.getByLabel("Country").fill("US");
    await form.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/my-orders\/[0-9a-f-]{36}$/);
    const placed = page.url().split("/").pop()!;
    expect(placed).not.toBe(orderId);
    await page.locator('[data-testid="order-status"]').getByText("Placed").waitFor();
    const { order } = await brand.orders.getOrder({ orderId: placed });
    expect(order).toMatchObject({ customerId, brandId, status: OrderStatus.PLACED, totalUnits: 1n });
    await page.getByRole("link", { name: "← My orders" }).click();
    await page.locator(`tr[data-row="${placed}"]`).waitFor();
    expect(harness.pageErrors).toEqual([]);
  });
});
