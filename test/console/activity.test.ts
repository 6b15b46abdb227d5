import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeStock, orderRequest, stockedItem } from "../support/index.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// A brand's activity feed and brand settings in the console, in a real Chromium against a real
// Waybill: an order placed through the SDK shows in the open feed without a reload; the kind,
// text and order filters narrow it; an entry leads to its order; the brand contact form refuses a
// malformed address on its field and saves a good one (read back through the SDK); an operator
// picks the brand on both pages.

const brandId = `console-act-${randomBytes(3).toString("hex")}`;
const sku = "FEED-E2E";

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let browser: Browser;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;
let brand: Waybill;
let orderId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ waybill, origin, browser, page, pageErrors } = harness);
  partner = await waybill.as("partner", brandId);
  brand = await waybill.as("brand", brandId);
  await stockedItem(brand, brandId, sku, 20);
}, 240_000);

afterAll(() => harness?.stop());

const entries = () => page.getByRole("list", { name: "Activity" }).locator("li");

describe("the console's activity, for a brand", () => {
  it("shows an order placed through the SDK in the open feed, without a reload", async () => {
    await signInAs(page, origin, { role: "brand", brandId });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await page.waitForURL(/\/activity$/);
    // The item's creation and restock are in the feed already, and the stream is open.
    await entries()
      .filter({ hasText: `${sku} added to the catalogue` })
      .waitFor();
    await page.locator('[data-live="open"]').waitFor();
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { feedMark: true }));

    const { customer } = await partner.orders.createCustomer({
      name: "Ada Lovelace",
      email: `ada+${randomUUID()}@example.com`,
    });
    const { order } = await partner.orders.placeOrder(
      orderRequest(customer!.customerId, brandId, [[sku, 2]], randomUUID()),
    );
    orderId = order!.orderId;
    const placed = entries().filter({ hasText: `Order ${orderId.slice(0, 8)} placed` });
    await placed.waitFor();
    expect(await page.evaluate(() => (window as { feedMark?: boolean }).feedMark)).toBe(true);
    // Newest first: the order's line is above the item's creation.
    const texts = await entries().allTextContents();
    const placedAt = texts.findIndex((t) => t.includes(`Order ${orderId.slice(0, 8)} placed`));
    const createdAt = texts.findIndex((t) => t.includes(`${sku} added to the catalogue`));
    expect(placedAt).toBeGreaterThanOrEqual(0);
    expect(placedAt).toBeLessThan(createdAt);
    await page.screenshot({ path: `${screenshots}console-activity.png`, fullPage: true });
  });

  it("narrows the feed by kind, by text and by order", async () => {
    const placed = entries().filter({ hasText: `Order ${orderId.slice(0, 8)} placed` });
    await page.getByLabel("Kind").selectOption({ label: "Stock" });
    await placed.waitFor({ state: "detached" });
    await entries()
      .filter({ hasText: `${sku} added to the catalogue` })
      .waitFor();
    for (const text of await entries().allTextContents()) expect(text).toContain("Stock");

    await page.getByLabel("Kind").selectOption({ label: "Every kind" });
    await placed.waitFor();
    await page.getByLabel("Search").fill("catalogue");
    await placed.waitFor({ state: "detached" });
    expect(await entries().count()).toBe(1);
    await page.getByLabel("Search").fill("");

    await page.getByLabel("Order").fill("not-an-order");
    await page.locator('input[name="orderId"][aria-invalid="true"]').waitFor();
    await page.getByLabel("Order").fill(orderId);
    await entries()
      .filter({ hasText: `${sku} added to the catalogue` })
      .waitFor({ state: "detached" });
    await placed.waitFor();
    for (const link of await entries().getByRole("link", { name: "Order" }).all()) {
      expect(await link.getAttribute("href")).toBe(`/orders/${orderId}`);
    }
  });

  it("leads from an entry to its order's page", async () => {
    await entries()
      .filter({ hasText: `Order ${orderId.slice(0, 8)} placed` })
      .getByRole("link", { name: "Order" })
      .click();
    await page.waitForURL(new RegExp(`/orders/${orderId}$`));
    await page.locator('[data-testid="order-status"]').waitFor();
  });
});

describe("the console's activity, page by page", () => {
  it("reads older entries on demand, below the newest page", async () => {
    // More restocks than the first page holds (30): the item's creation is on an older page.
    for (let i = 0; i < 32; i++) await changeStock(brand, brandId, sku, 1n, `feed-restock-${i}`);
    await page.goto(origin.signInUrl.replace("/sign-in", "/activity"));
    await page.locator('[data-live="open"]').waitFor();
    const created = entries().filter({ hasText: `${sku} added to the catalogue` });
    await page.getByRole("button", { name: "Load older entries" }).click();
    await created.waitFor();
    const sequences = await entries().evaluateAll((items) =>
      items.map((li) => Number(li.getAttribute("data-sequence"))),
    );
    expect(sequences.length).toBeGreaterThan(30);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
  });
});

describe("the console's brand settings", () => {
  it("marks a malformed contact address on its field, then saves a good one", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Brand settings" }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByText("No contact yet").waitFor();
    const form = page.getByRole("form", { name: "Brand contact" });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Save contact" }).click();
    await form.locator('input[name="email"][aria-invalid="true"]').waitFor();
    expect(await form.locator(".field-invalid .field-error").textContent()).toMatch(/email/i);

    await form.getByLabel("Email").fill("stock@example.com");
    await form.getByLabel("Name").fill("Stock desk");
    await form.getByRole("button", { name: "Save contact" }).click();
    await page.getByTestId("saved-contact").filter({ hasText: "stock@example.com" }).waitFor();
    const { contact } = await brand.notifications.getBrandContact({ brandId });
    expect(contact).toMatchObject({ brandId, email: "stock@example.com", name: "Stock desk" });

    await page.reload();
    await page.getByTestId("saved-contact").filter({ hasText: "Stock desk <stock@example.com>" }).waitFor();
    expect(await page.getByRole("form", { name: "Brand contact" }).getByLabel("Email").inputValue()).toBe(
      "stock@example.com",
    );
    expect(pageErrors).toEqual([]);
  });
});

describe("the console's activity and brand settings, for an operator", () => {
  it("picks the brand, sees its feed with links that keep the brand, and its contact", async () => {
    const admin = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    admin.setDefaultTimeout(15_000);
    try {
      await signInAs(admin, origin, { role: "admin" });
      await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
      await admin.waitForURL(/\/activity$/);
      await admin.getByLabel("Brand").fill(brandId);
      await admin.waitForURL(new RegExp(`/activity\\?brand=${brandId}$`));
      // The order is older than the first page by now (the restocks): its filter finds it.
      await admin.getByLabel("Order").fill(orderId);
      const placed = admin
        .getByRole("list", { name: "Activity" })
        .locator("li", { hasText: `Order ${orderId.slice(0, 8)} placed` });
      await placed.waitFor();
      expect(await placed.getByRole("link", { name: "Order" }).getAttribute("href")).toBe(
        `/orders/${orderId}?brand=${brandId}`,
      );

      await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Brand settings" }).click();
      await admin.getByText("Pick a brand").waitFor();
      await admin.getByLabel("Brand").fill(brandId);
      await admin.getByTestId("saved-contact").filter({ hasText: "Stock desk <stock@example.com>" }).waitFor();
    } finally {
      await admin.close();
    }
  });
});
