import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { OrderStatus } from "@waybill/sdk/orders";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRequest, stockedItem } from "../support/index.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// A brand works its orders in the console, in a real Chromium against a real Waybill: orders placed
// through the SDK show in the list and on the board; on an order's page the brand moves it to
// PREPARING and READY_FOR_DISPATCH and the timeline names who did; another order is cancelled
// behind a confirmation; a move made elsewhere shows live. Each step waits on what the page shows.

const brandId = `orders-${randomBytes(3).toString("hex")}`;
const sku = "TEA-E2E";

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;
const placed: string[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ waybill, origin, page, pageErrors } = harness);
  const brand = await waybill.as("brand", brandId);
  partner = await waybill.as("partner", brandId);
  await stockedItem(brand, brandId, sku, 50);
  const { customer } = await partner.orders.createCustomer({
    name: "Grace Hopper",
    email: `grace+${randomUUID()}@example.com`,
  });
  for (const units of [2, 1, 3]) {
    const { order } = await partner.orders.placeOrder(
      orderRequest(customer!.customerId, brandId, [[sku, units]], randomUUID()),
    );
    placed.push(order!.orderId);
  }
}, 240_000);

afterAll(() => harness?.stop());

const statusBadge = '[data-testid="order-status"] .badge';

/** Waits until the order page's status badge says `label`. */
async function waitForStatus(label: string): Promise<void> {
  await page.waitForFunction(
    ([css, expected]) => document.querySelector(css)?.textContent?.trim() === expected,
    [statusBadge, label] as const,
    { timeout: 15_000 },
  );
}

/** The timeline's entries as text, oldest first. */
async function timeline(): Promise<string[]> {
  return page.locator('[data-testid="order-timeline"] li').allTextContents();
}

describe("the console's orders, for a brand", () => {
  it("lists the brand's orders and shows them on the board by status", async () => {
    await signInAs(page, origin, { role: "brand", brandId });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.waitForURL(/\/orders(\?|$)/);
    for (const orderId of placed) await page.locator(`tr[data-row="${orderId}"]`).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(3);
    await page.screenshot({ path: `${screenshots}console-orders.png`, fullPage: true });

    await page.getByRole("button", { name: "Board" }).click();
    const placedColumn = page.getByRole("region", { name: "Placed" });
    await placedColumn.locator(".board-card").nth(2).waitFor();
    // Each column is its own query: wait for the Preparing column's answer, not its spinner.
    await page.getByRole("region", { name: "Preparing" }).getByText("None").waitFor();
    await page.getByRole("button", { name: "List" }).click();
  });

  it("moves an order to PREPARING then READY_FOR_DISPATCH, with both moves in the timeline", async () => {
    const [orderId] = placed;
    await page.locator(`tr[data-row="${orderId}"] td[data-column="order"] a`).click();
    await page.waitForURL(new RegExp(`/orders/${orderId}`));
    await waitForStatus("Placed");
    expect(await page.getByRole("button", { name: "Mark ready for dispatch" }).count()).toBe(0);

    await page.getByRole("button", { name: "Start preparing" }).click();
    await waitForStatus("Preparing");
    expect(await page.getByRole("button", { name: "Start preparing" }).count()).toBe(0);
    await page.getByRole("button", { name: "Mark ready for dispatch" }).click();
    await page.locator('[data-testid="order-timeline"] li[data-status="Ready for dispatch"]').waitFor();

    const entries = await timeline();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^Placed · partner /);
    expect(entries[1]).toMatch(new RegExp(`^Preparing · brand \\S*${brandId}`));
    expect(entries[2]).toMatch(new RegExp(`^Ready for dispatch · brand \\S*${brandId}`));
    // No kitchen move is left; delivery statuses are Fleet's.
    expect(await page.getByRole("button", { name: /Start preparing|Mark ready/ }).count()).toBe(0);
    const stored = await partner.orders.getOrder({ orderId: orderId! });
    expect([OrderStatus.READY_FOR_DISPATCH, OrderStatus.DISPATCHED, OrderStatus.EN_ROUTE]).toContain(
      stored.order?.status,
    );
    await page.screenshot({ path: `${screenshots}console-order.png`, fullPage: true });
  });

  it("cancels another order after a confirmation", async () => {
    const orderId = placed[1]!;
    await page.goto(origin.signInUrl.replace("/sign-in", `/orders/${orderId}`));
    await waitForStatus("Placed");
    await page.getByRole("button", { name: "Cancel order" }).click();
    const confirm = page.getByRole("form", { name: "Cancel order" });
    await confirm.getByLabel("Reason").fill("customer called");
    await confirm.getByRole("button", { name: "Confirm cancellation" }).click();
    await waitForStatus("Cancelled");
    await page.locator('[data-testid="order-timeline"] li[data-status="Cancelled"]').waitFor();
    expect(await page.getByRole("button", { name: "Cancel order" }).count()).toBe(0);
    expect((await partner.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.CANCELLED);
    await page.getByText("customer called").first().waitFor();
  });

  it("shows a move made elsewhere live, from the brand's activity", async () => {
    const orderId = placed[2]!;
    await page.goto(origin.signInUrl.replace("/sign-in", `/orders/${orderId}`));
    await waitForStatus("Placed");
    await page.locator('[data-live="open"]').waitFor();
    await partner.orders.updateOrderStatus({
      orderId,
      status: OrderStatus.PREPARING,
      idempotencyKey: randomUUID(),
    });
    await waitForStatus("Preparing");
  });

  it("filters the list by status, and marks a customer filter the contract refuses", async () => {
    await page.getByRole("link", { name: "← Orders" }).click();
    await page.waitForURL(/\/orders$/);
    await page.locator(`tr[data-row="${placed[0]}"]`).waitFor();
    await page.getByLabel("Status").selectOption({ label: "Cancelled" });
    await page.waitForFunction(
      (only) => {
        const rows = [...document.querySelectorAll("tbody tr")];
        return rows.length === 1 && rows[0]?.getAttribute("data-row") === only;
      },
      placed[1],
      { timeout: 15_000 },
    );
    await page.getByLabel("Customer").fill("not-a-customer-id");
    await page.locator('input[name="customer"][aria-invalid="true"]').waitFor();
    expect(await page.locator(".field-invalid .field-error").textContent()).toMatch(/UUID/i);
    expect(pageErrors).toEqual([]);
  });

  it("shows an order placed elsewhere in the open list, without a reload", async () => {
    await page.goto(origin.signInUrl.replace("/sign-in", "/orders"));
    await page.locator(`tr[data-row="${placed[0]}"]`).waitFor();
    // The list follows the brand's activity: nothing else reads it again (no polling, no focus refetch).
    await page.locator('[data-live="open"]').waitFor();
    const { customer } = await partner.orders.createCustomer({
      name: "Alan Turing",
      email: `alan+${randomUUID()}@example.com`,
    });
    const { order } = await partner.orders.placeOrder(
      orderRequest(customer!.customerId, brandId, [[sku, 1]], randomUUID()),
    );
    await page.locator(`tr[data-row="${order!.orderId}"]`).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
