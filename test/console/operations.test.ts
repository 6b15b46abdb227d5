import type { Client } from "@connectrpc/connect";
import type { OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsClient } from "../operations/operations-client.js";
import { type StuckEvent, stickEvent } from "../operations/stuck-event.js";
import { waitUntil } from "../support/index.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// The operator's Operations page in a real Chromium against a real Waybill: an event that
// Notifications' activity consumer kept failing on (a PostgreSQL trigger, see stuck-event.ts) is
// shown as a dead letter with its reason; once the fault is gone the operator redrives it, and
// the consumer processes it. Each step waits on what the page shows, never on time.

let harness: ConsoleHarness;
let origin: ConsoleOrigin;
let browser: Browser;
let page: Page;
let pageErrors: readonly string[];
let stuck: StuckEvent;
let operations: Client<typeof OperationsService>;
let dlqSequence = "";

beforeAll(async () => {
  harness = await startConsoleHarness();
  ({ origin, browser, page, pageErrors } = harness);
  stuck = await stickEvent(harness.waybill);
  operations = operationsClient(harness.waybill.url, await harness.waybill.token("admin"));
  // JetStream gives up after the consumer's last delivery (about 21 s of backoff).
  const listed = await waitUntil(
    () => operations.listDeadLetters({ consumer: stuck.consumer }),
    (answer) => answer.deadLetters.length === 1,
    "the dead letter",
    45_000,
  );
  dlqSequence = String(listed.deadLetters[0]?.dlqSequence);
}, 240_000);

afterAll(async () => {
  await stuck?.close();
  await harness?.stop();
});

describe("the console's operations page, for an operator", () => {
  it("shows the dead letter with its reason, and the consumers' lag", async () => {
    expect(browser.isConnected()).toBe(true);
    await signInAs(page, origin, { role: "admin" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operations" }).click();
    await page.waitForURL(/\/operations$/);

    const row = page.locator(`tr[data-row="${dlqSequence}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-column="reason"]').textContent()).toBe("Handler kept failing");
    expect(await row.locator('td[data-column="consumer"]').textContent()).toBe(stuck.consumer);
    expect(await row.locator('td[data-column="event"]').textContent()).toContain("inventory.v1.ItemCreated");
    expect(await row.locator('td[data-column="deliveries"]').textContent()).toBe("5");
    // The backlog counts it against its consumer.
    const lag = page.locator(`tr[data-row$="/${stuck.consumer}"]`);
    expect(await lag.locator('td[data-column="dead-letters"]').textContent()).toBe("1");
    await page.getByText("1 dead letter waiting").waitFor();
    await page.screenshot({ path: `${screenshots}console-operations.png`, fullPage: true });
  });

  it("filters by consumer, then redrives the chosen dead letter after a confirmation", async () => {
    await page.getByLabel("Consumer").selectOption(stuck.consumer);
    await page.locator(`tr[data-row="${dlqSequence}"]`).waitFor();
    // The cause is fixed; the operator chooses the dead letter and redrives it.
    await stuck.release();
    await page.getByLabel(`Choose dead letter #${dlqSequence}`).check();
    await page.getByRole("button", { name: "Redrive selected (1)" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Redrive dead letters" });
    await dialog.getByText("Redrive 1 dead letter?", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Redrive", exact: true }).click();
    await page
      .getByRole("status", { name: "Redrive result" })
      .or(page.locator('output[aria-label="Redrive result"]'))
      .getByText(`Redrove 1 dead letter (#${dlqSequence})`, { exact: false })
      .waitFor();
    // Gone from the list and from the consumer's count; the consumer processed the event.
    await page.getByText("No dead letter matches").waitFor();
    await page.getByText("0 dead letters waiting").waitFor();
    await waitUntil(
      () => stuck.processed(),
      (done) => done,
      "the consumer to process the redriven event",
    );
    expect((await operations.listDeadLetters({})).deadLetters).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
