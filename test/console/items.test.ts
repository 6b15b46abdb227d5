import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRequest } from "../support/index.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// A brand in the console, in a real Chromium against a real Waybill: sign in, create an item
// (after a refused one), restock it, watch an order placed through the SDK move its numbers live,
// and look at its past. Each step waits on what the page shows, never on time.

const brandId = `console-${randomBytes(3).toString("hex")}`;
const sku = "MUG-E2E";

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let browser: Browser;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ waybill, origin, browser, page, pageErrors } = harness);
  partner = await waybill.as("partner", brandId);
}, 240_000);

afterAll(() => harness?.stop());

/** The text of the first element matching `selector`, once it equals `text`. */
async function waitForText(selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([css, expected]) => document.querySelector(css)?.textContent?.trim() === expected,
    [selector, text] as const,
    { timeout: 15_000 },
  );
}

const row = `tr[data-row="${brandId}/${sku}"]`;
const cell = (column: string) => `${row} td[data-column="${column}"]`;
const liveStat = (stat: string) => `[data-testid="live-level"] [data-stat="${stat}"] .stat-value`;

describe("the console's items, for a brand", () => {
  it("signs a brand in through the development sign-in", async () => {
    await page.goto(origin.signInUrl);
    // The sign-in page offers both ways in: a development sign-in and a pasted credential.
    await page.getByRole("form", { name: "Development sign-in" }).waitFor();
    await page.getByRole("form", { name: "Sign in with a credential" }).getByLabel("Token or API key").waitFor();
    await page.screenshot({ path: `${screenshots}console-sign-in.png` });
    await signInAs(page, origin, { role: "brand", brandId });
    await page.getByText("No items yet").waitFor();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).resolves.toEqual([
      "Items",
      "Orders",
      "Campaigns",
      "Webhooks",
      "Activity",
      "Brand settings",
    ]);
  });

  it("marks the fields a new item breaks, before sending it", async () => {
    await page.getByRole("button", { name: "New item" }).click();
    const form = page.getByRole("form", { name: "New item" });
    await form.getByLabel("SKU").fill("bad sku!");
    await form.getByLabel("Unit price").fill("12.50");
    await form.getByRole("button", { name: "Create item" }).click();
    await form.locator('input[name="sku"][aria-invalid="true"]').waitFor();
    await form.locator('input[name="name"][aria-invalid="true"]').waitFor();
    expect(await form.locator(".field-invalid").count()).toBe(2);
    expect(await form.locator(".field-invalid .field-error").first().textContent()).toMatch(/pattern/);
    expect(await page.locator(row).count()).toBe(0);
  });

  it("creates the item and restocks it on its page", async () => {
    const form = page.getByRole("form", { name: "New item" });
    await form.getByLabel("SKU").fill(sku);
    await form.getByLabel("Name").fill("End-to-end mug");
    await form.getByRole("button", { name: "Create item" }).click();
    await page.locator(row).waitFor();
    await waitForText(cell("onHand"), "0");
    await waitForText(`${cell("status")} .badge`, "Out of stock");

    await page.locator(row).getByRole("link", { name: sku }).click();
    await page.waitForURL(new RegExp(`/items/${sku}`));
    const adjust = page.getByRole("form", { name: "Adjust stock" });
    await adjust.getByLabel("Units").fill("10");
    await adjust.getByLabel("Reason").selectOption({ label: "Restock" });
    await adjust.getByRole("button", { name: "Apply" }).click();
    await waitForText(liveStat("on-hand"), "10");
  });

  let beforeSecondRestock = 0;

  it("shows on-hand, reserved and available change live when an order is placed through the SDK", async () => {
    beforeSecondRestock = Date.now();
    const adjust = page.getByRole("form", { name: "Adjust stock" });
    await adjust.getByLabel("Units").fill("5");
    await adjust.getByRole("button", { name: "Apply" }).click();
    await waitForText(liveStat("on-hand"), "15");

    await page.getByRole("link", { name: "← Items" }).click();
    await waitForText(cell("available"), "15");
    await waitForText(`${cell("status")} .badge`, "In stock");
    const urlBefore = page.url();
    // The new numbers must come from the WatchStock stream, not from the list being asked again.
    const listCalls: string[] = [];
    const countListCalls = (request: { url(): string }) => {
      if (request.url().includes("/waybill.inventory.v1.InventoryService/ListItems")) listCalls.push(request.url());
    };
    page.on("request", countListCalls);

    const { customer } = await partner.orders.createCustomer({
      name: "Grace Hopper",
      email: `grace+${randomUUID()}@example.com`,
    });
    await partner.orders.placeOrder(orderRequest(customer!.customerId, brandId, [[sku, 3]], randomUUID()));

    await waitForText(cell("reserved"), "3");
    await waitForText(cell("available"), "12");
    expect(await page.locator(cell("onHand")).textContent()).toBe("15");
    expect(page.url()).toBe(urlBefore);
    page.off("request", countListCalls);
    expect(listCalls).toEqual([]);
    await page.screenshot({ path: `${screenshots}console-items.png`, fullPage: true });
  });

  it("shows the level of a past time on the item's page", async () => {
    await page.locator(row).getByRole("link", { name: sku }).click();
    await waitForText(liveStat("available"), "12");
    // The picker holds local time with milliseconds. Chromium normalises what it is given
    // ("…54.640" reads back as "…54.64") and Playwright refuses a fill that does not read back
    // as written, so the value is the one a scratch input of the same type reads back.
    const local = await page.evaluate((ms) => {
      const scratch = document.createElement("input");
      scratch.type = "datetime-local";
      scratch.step = "0.001";
      scratch.valueAsNumber = ms - new Date(ms).getTimezoneOffset() * 60_000;
      return scratch.value;
    }, beforeSecondRestock);
    await page.getByLabel("Stock on").fill(local);
    await waitForText('[data-testid="as-of-level"] [data-stat="on-hand"] .stat-value', "10");
    expect(await page.locator('[data-testid="as-of-level"] [data-stat="reserved"] .stat-value').textContent()).toBe(
      "0",
    );
    await page.locator("canvas[aria-label='Stock level over time']").waitFor();

    await page.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit item" });
    await edit.getByLabel("Name").fill("Renamed mug");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: /Renamed mug/ }).waitFor();
    expect((await partner.inventory.getItem({ brandId, sku })).item?.name).toBe("Renamed mug");
    await page.screenshot({ path: `${screenshots}console-item.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

describe("the console's navigation by role", () => {
  it("signs a courier in with a pasted token and shows only their assignments", async () => {
    const courier = await browser.newPage();
    try {
      await courier.goto(origin.signInUrl);
      const token = await waybill.token("courier", undefined, randomUUID());
      const form = courier.getByRole("form", { name: "Sign in with a credential" });
      await form.getByLabel("Token or API key").fill(token);
      await form.getByRole("button", { name: "Sign in" }).click();
      await courier.waitForURL(/\/assignments$/);
      // A new courier has nothing assigned yet; once the page shows it, the navigation is drawn too.
      await courier.getByText("Nothing to deliver right now").waitFor();
      expect(await courier.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).toEqual([
        "My assignments",
      ]);
      // A courier has no items page: the route sends them home.
      await courier.goto(origin.signInUrl.replace("/sign-in", "/items"));
      await courier.waitForURL(/\/assignments(\?|$)/);
    } finally {
      await courier.close();
    }
  });

  it("refuses a pasted text that is no credential, on its field", async () => {
    const other = await browser.newPage();
    try {
      await other.goto(origin.signInUrl);
      const form = other.getByRole("form", { name: "Sign in with a credential" });
      await form.getByLabel("Token or API key").fill("hello");
      await form.getByRole("button", { name: "Sign in" }).click();
      await form.locator('input[name="credential"][aria-invalid="true"]').waitFor();
      expect(await form.locator(".field-error").textContent()).toMatch(/neither a token/);
    } finally {
      await other.close();
    }
  });
});
