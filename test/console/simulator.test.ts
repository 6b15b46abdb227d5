import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import { type ConsoleOrigin, consoleOrigin } from "./support/console-origin.js";

// What a newcomer does on a development server: signs in as the simulator's brand, flips the
// simulator on in the header, and watches the brand's orders arrive in the Orders list live; then
// flips it off. In a real Chromium against a real Waybill; each step waits on what the page shows.

const brandId = "sim-bistro";

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let page: Page;
let pageErrors: readonly string[];

beforeAll(async () => {
  // Drones fly fast, as `npm start` makes them on a development server; the simulation's webhook
  // receiver takes a free port, not the fixed default other test files may hold at the same time.
  harness = await startConsoleHarness({ FLEET_TIME_SCALE: "0.01", SIMULATOR_WEBHOOK_PORT: String(await freePort()) });
  ({ waybill, origin, page, pageErrors } = harness);
}, 240_000);

afterAll(() => harness?.stop());

/** The number of order rows the list shows. */
const rows = () => page.locator("tbody tr[data-row]").count();

describe("the simulator switch of the development console", () => {
  it("starts the simulation, whose orders appear in the brand's list live, and stops it", async () => {
    await page.goto(origin.signInUrl);
    const form = page.getByRole("form", { name: "Development sign-in" });
    await form.getByLabel("Role").selectOption({ label: "Brand" });
    await form.getByLabel("Brand").fill(brandId);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/items(\?|$)/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.waitForURL(/\/orders(\?|$)/);
    await page.getByText("No orders yet").waitFor();

    const toggle = page.getByRole("switch", { name: "Simulator" });
    const status = page.getByTestId("simulator-status");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    expect(await status.textContent()).toBe("Off");
    await toggle.click();
    await page.locator('[role="switch"][aria-checked="true"]').waitFor();

    // Orders the simulation places arrive in the open list without a reload.
    await page.locator("tbody tr[data-row]").first().waitFor({ timeout: 45_000 });
    await page.waitForFunction(() => document.querySelectorAll("tbody tr[data-row]").length >= 3, undefined, {
      timeout: 45_000,
    });
    await page.waitForFunction(
      () =>
        /\d+\/s · [1-9]\d* orders? ·/.test(
          document.querySelector('[data-testid="simulator-status"]')?.textContent ?? "",
        ),
      undefined,
      { timeout: 15_000 },
    );
    // Each row is an order Waybill holds for the brand.
    const admin = await waybill.as("admin");
    const firstId = await page.locator("tbody tr[data-row]").first().getAttribute("data-row");
    expect((await admin.orders.getOrder({ orderId: firstId ?? "" })).order?.brandId).toBe(brandId);
    await page.screenshot({ path: `${screenshots}console-simulator.png`, fullPage: true });
    // What it did, kind by kind, under the switch.
    await page.getByText("Details").click();
    await page.getByRole("cell", { name: "place-order", exact: true }).waitFor();
    await page.getByText("Details").click();

    await toggle.click();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="simulator-status"]')?.textContent ?? "").startsWith("Off · last run"),
      undefined,
      { timeout: 30_000 },
    );
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    const placedWhileOn = await rows();
    expect(placedWhileOn).toBeGreaterThanOrEqual(3);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

describe("the console of a server without the development tools", () => {
  it("shows no simulator switch: the server answers UNIMPLEMENTED", async () => {
    const off = await startTestWaybill({ env: { DEV_SIGN_IN_ENABLED: "false" } });
    const offOrigin = await consoleOrigin(off.url);
    const other = await harness.browser.newPage();
    try {
      await other.goto(offOrigin.signInUrl);
      const form = other.getByRole("form", { name: "Sign in with a credential" });
      await form.getByLabel("Token or API key").fill(await off.token("brand", brandId));
      const watched = other.waitForResponse((response) => response.url().includes("SimulatorService/WatchSimulation"));
      await form.getByRole("button", { name: "Sign in" }).click();
      await other.waitForURL(/\/items(\?|$)/);
      // The server's answer is the unknown-RPC one (Connect: HTTP 404, read as UNIMPLEMENTED), not a
      // stream that merely has not sent its first state yet: only then does the missing switch prove
      // that the console hides it.
      const response = await watched;
      expect(response.status()).toBe(404);
      await other.getByText("Sign out").waitFor();
      expect(await other.getByTestId("simulator").count()).toBe(0);
      expect(await other.getByRole("switch").count()).toBe(0);
    } finally {
      await other.close();
      await offOrigin.close();
      await off.stop();
    }
  }, 120_000);
});
