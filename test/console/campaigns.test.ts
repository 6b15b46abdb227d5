import { randomBytes } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { CampaignStatus } from "@waybill/sdk/campaigns";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignRequest } from "../campaigns/helpers/campaigns-harness.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// A brand's campaigns in the console, in a real Chromium against a real Waybill whose ad platform
// is the in-process simulator (development, no PLATFORM_URL): a refused form, a campaign created
// through it, a list long enough to page, searched and sorted, and an archive. Each step waits on
// what the page shows, never on time.

const brandId = `console-cmp-${randomBytes(3).toString("hex")}`;

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let browser: Browser;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;

beforeAll(async () => {
  // No reconcile on a timer: the list changes only through the test.
  harness = await startConsoleHarness({ RECONCILE_INTERVAL_MS: "0" });
  ({ waybill, origin, browser, page, pageErrors } = harness);
  partner = await waybill.as("partner", brandId);
}, 240_000);

afterAll(() => harness?.stop());

/** Resolves once the names of the table's rows, in order, are `names`. */
async function waitForRows(names: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll('table td[data-column="name"]')].map((td) => td.textContent?.trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    names,
    { timeout: 15_000 },
  );
}

const bulkNames = Array.from({ length: 21 }, (_, i) => `Bulk ${String(i + 1).padStart(2, "0")}`);

describe("the console's campaigns, for a brand", () => {
  it("signs a brand in and opens the empty campaigns page", async () => {
    await signInAs(page, origin, { role: "brand", brandId });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
    await page.waitForURL(/\/campaigns$/);
    await page.getByText("No campaigns yet").waitFor();
    // Reconciling is an operator's: a brand has no such button.
    expect(await page.getByRole("button", { name: /Reconcile/ }).count()).toBe(0);
  });

  it("marks the fields a new campaign breaks, before sending it", async () => {
    await page.getByRole("button", { name: "New campaign" }).click();
    const form = page.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Promo code").fill("x!");
    await form.getByRole("button", { name: "Create campaign" }).click();
    await form.locator('input[name="name"][aria-invalid="true"]').waitFor();
    await form.locator('input[name="promoCode"][aria-invalid="true"]').waitFor();
    await form.locator('input[name="budget"][aria-invalid="true"]').waitFor();
    expect(await form.locator(".field-invalid").count()).toBe(3);
    expect(await page.locator("table").count()).toBe(0);
  });

  it("creates a campaign through the form and lists it, synced with the platform", async () => {
    const form = page.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Name").fill("E2E launch");
    await form.getByLabel("Promo code").fill("launch-e2e");
    await form.getByLabel("Budget").fill("1500.50");
    await form.getByLabel("Status").selectOption({ label: "Active" });
    await form.getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("link", { name: "E2E launch" }).waitFor();
    expect(await form.count()).toBe(0);
    const row = page.locator("tr", { has: page.getByRole("link", { name: "E2E launch" }) });
    expect(await row.locator('td[data-column="budget"]').textContent()).toBe("1500.50 EUR");
    expect(await row.locator('td[data-column="promo"]').textContent()).toBe("LAUNCH-E2E");
    expect(await row.locator('td[data-column="status"]').textContent()).toBe("Active");
    expect(await row.locator('td[data-column="sync"]').textContent()).toBe("Synced");
  });

  it("pages, searches and sorts campaigns created through the SDK", async () => {
    for (const name of bulkNames) await partner.campaigns.createCampaign(campaignRequest(brandId, { name }));
    await page.reload();
    await page.getByText("Page 1 · 22 in all").waitFor();
    expect(await page.locator('table td[data-column="name"]').count()).toBe(20);

    await page.getByLabel("Search").fill("bulk");
    await page.getByText("Page 1 · 21 in all").waitFor();
    await page.getByRole("button", { name: /^Name/ }).click();
    await waitForRows(bulkNames.slice(0, 20));
    await page.getByRole("button", { name: "Next →" }).click();
    await page.getByText("Page 2 · 21 in all").waitFor();
    await waitForRows(["Bulk 21"]);
    await page.getByRole("button", { name: /^Name/ }).click();
    await page.getByText("Page 1 · 21 in all").waitFor();
    await waitForRows(bulkNames.slice(1).reverse());
  });

  it("edits the budget alone on the campaign's page", async () => {
    await page.getByLabel("Search").fill("E2E");
    await waitForRows(["E2E launch"]);
    await page.getByRole("link", { name: "E2E launch" }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="campaign-stats"] [data-stat="orders"] .stat-value').waitFor();
    await page.locator("canvas[aria-label^='Orders, cancelled orders']").waitFor();
    await page.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit campaign" });
    await edit.getByLabel("Budget").fill("2000");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText("2000.00 EUR").waitFor();
    const [stored] = (await partner.campaigns.listCampaigns({ brandId, query: "E2E launch" })).campaigns;
    expect(stored).toMatchObject({ name: "E2E launch", promoCode: "LAUNCH-E2E", status: CampaignStatus.ACTIVE });
    expect(stored?.budget?.minorUnits).toBe(200_000n);
  });

  it("archives a campaign after a confirmation, and the list shows it archived", async () => {
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Archive campaign" });
    await confirm.getByRole("button", { name: "Archive campaign" }).click();
    await page.locator('[data-testid="campaign-status"]', { hasText: "Archived" }).waitFor();
    await page.getByText("Local only").waitFor();
    const stored = await partner.campaigns.listCampaigns({ brandId, query: "E2E launch" });
    expect(stored.campaigns.map((c) => c.status)).toEqual([CampaignStatus.ARCHIVED]);

    await page.getByRole("link", { name: "← Campaigns" }).click();
    await page.getByText("Page 1 · 22 in all").waitFor();
    await page.getByLabel("Search").fill("launch");
    await waitForRows(["E2E launch"]);
    const row = page.locator("tr", { has: page.getByRole("link", { name: "E2E launch" }) });
    await row.locator('td[data-column="status"]', { hasText: "Archived" }).waitFor();
    await page.getByLabel("Search").fill("");
    await page.getByText("Page 1 · 22 in all").waitFor();
    await page.screenshot({ path: `${screenshots}console-campaigns.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

describe("the console's campaigns, for an operator", () => {
  it("picks the brand and runs a reconcile, which finds every campaign in line", async () => {
    const admin = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    admin.setDefaultTimeout(15_000);
    try {
      await signInAs(admin, origin, { role: "admin" });
      await admin.goto(origin.signInUrl.replace("/sign-in", `/campaigns?brand=${brandId}`));
      await admin.getByText("Page 1 · 22 in all").waitFor();
      await admin.getByRole("button", { name: `Reconcile ${brandId}` }).click();
      // Every campaign was made through Waybill and is in line: nothing to change.
      await admin.getByText(/^\d+ seen on the platforms, \d+ in line, 0 changed$/).waitFor();
    } finally {
      await admin.close();
    }
  });
});
