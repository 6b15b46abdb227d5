import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../notifications/helpers/webhook-receiver.js";
import { orderRequest, stockedItem } from "../support/index.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// A brand's webhooks in the console, in a real Chromium against a real Waybill that may post to
// this machine (WEBHOOK_ALLOWED_HOSTS) and gives up on a delivery after one attempt: a URL Waybill
// refuses is marked on its field; a webhook registered through the form shows its secret once; an
// order placed through the SDK becomes a delivery that the receiver fails (DEAD, with its error),
// a redrive delivers it, signed with that secret; a delete removes the webhook.

const brandId = `console-wh-${randomBytes(3).toString("hex")}`;
const sku = "HOOK-E2E";
const path = "/console-hook";

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  harness = await startConsoleHarness({ WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", WEBHOOK_MAX_ATTEMPTS: "1" });
  ({ waybill, origin, page, pageErrors } = harness);
  partner = await waybill.as("partner", brandId);
  await stockedItem(await waybill.as("brand", brandId), brandId, sku, 20);
}, 240_000);

afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
});

/** The deliveries table's row of the receiver's path, by its cells. */
const deliveryRow = () => page.locator('[data-testid="webhook-deliveries"] tbody tr');
const cell = (column: string) => deliveryRow().locator(`td[data-column="${column}"]`);

describe("the console's webhooks, for a brand", () => {
  it("signs a brand in and opens the empty webhooks page", async () => {
    await signInAs(page, origin, { role: "brand", brandId });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL(/\/webhooks$/);
    await page.getByText("No webhooks yet").waitFor();
    await page.getByText("No deliveries yet").waitFor();
  });

  it("marks the URL field with the server's refusal of a private address", async () => {
    await page.getByRole("button", { name: "New webhook" }).click();
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("URL").fill("not a url");
    await form.getByRole("button", { name: "Register webhook" }).click();
    // protovalidate refuses it in the browser first.
    await form.locator('input[name="url"][aria-invalid="true"]').waitFor();
    await form.getByLabel("URL").fill("http://10.1.2.3/hook");
    await form.getByRole("button", { name: "Register webhook" }).click();
    await form.locator(".field-invalid .field-error", { hasText: "public internet address" }).waitFor();
    expect(await form.locator('input[name="url"]').getAttribute("aria-invalid")).toBe("true");
    expect(await partner.notifications.listWebhooks({ brandId })).toMatchObject({ webhooks: [] });
  });

  it("registers a webhook for one event and shows its secret once", async () => {
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("URL").fill(receiver.url(path));
    await form.getByLabel("Description").fill("e2e receiver");
    await form.getByRole("checkbox", { name: "OrderPlaced" }).first().check();
    await form.getByRole("button", { name: "Register webhook" }).click();
    const reveal = page.getByRole("region", { name: "Signing secret" });
    await reveal.getByText("you will not see this again").waitFor();
    const secret = (await reveal.getByTestId("webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    receiver.secret(path, secret);
    const row = page.locator("tr", { hasText: receiver.url(path) });
    expect(await row.locator('td[data-column="events"]').textContent()).toBe("OrderPlaced");
    const [stored] = (await partner.notifications.listWebhooks({ brandId })).webhooks;
    expect(stored).toMatchObject({ url: receiver.url(path), eventTypes: ["waybill.orders.v1.OrderPlaced"] });

    await page.reload();
    await row.waitFor();
    expect(await page.getByRole("region", { name: "Signing secret" }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });

  it("shows a failed delivery of an order placed through the SDK, dead with its attempts and error", async () => {
    receiver.answer(path, 500);
    const { customer } = await partner.orders.createCustomer({
      name: "Ada Lovelace",
      email: `ada+${randomUUID()}@example.com`,
    });
    await partner.orders.placeOrder(orderRequest(customer!.customerId, brandId, [[sku, 2]], randomUUID()));
    await cell("status").filter({ hasText: "Dead" }).waitFor();
    expect(await deliveryRow().count()).toBe(1);
    expect(await cell("event").textContent()).toContain("OrderPlaced");
    expect(await cell("attempts").textContent()).toBe("1");
    expect(await cell("error").textContent()).toContain("500");
    expect(receiver.to(path).map((d) => d.status)).toEqual([500]);
  });

  it("redrives the dead delivery, which the receiver gets with a valid signature", async () => {
    await deliveryRow().getByRole("button", { name: "Redrive" }).click();
    await page.getByText("1 delivery put back to pending").waitFor();
    await cell("status").filter({ hasText: "Delivered" }).waitFor();
    const received = receiver.to(path);
    expect(received.map((d) => d.status)).toEqual([500, 200]);
    expect(received[1]).toMatchObject({ eventType: "waybill.orders.v1.OrderPlaced", signatureValid: true });
    await page.screenshot({ path: `${screenshots}console-webhooks.png`, fullPage: true });
  });

  it("deletes the webhook after a confirmation", async () => {
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete webhook" });
    await confirm.getByRole("button", { name: "Delete webhook" }).click();
    await page.getByText("No webhooks yet").waitFor();
    expect((await partner.notifications.listWebhooks({ brandId })).webhooks).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
