import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/sdk/fleet";
import { OrderStatus } from "@waybill/sdk/orders";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRequest, stockedItem, waitUntil } from "../support/index.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";

// A rider works its deliveries in the console on a phone-sized page, in a real Chromium against a
// real Waybill: an order made ready through the SDK is assigned to the rider, who sees it, picks
// it up and delivers it with the big buttons; the order ends DELIVERED. A second order made ready
// while the page is open shows up by itself (the courier's own WatchFleet stream), without a
// reload. Each step waits on what the page shows; the SDK confirms the outcome.

const suffix = randomBytes(3).toString("hex");
const brandId = `courier-${suffix}`;
const zone = `zone-${suffix}`;
const sku = "SOUP-E2E";

let harness: ConsoleHarness;
let phone: Page;
let admin: Waybill;
let brand: Waybill;
let partner: Waybill;
let customerId: string;
let courierId: string;
let orderId: string;
const phoneErrors: string[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness();
  const { waybill, browser } = harness;
  admin = await waybill.as("admin");
  brand = await waybill.as("brand", brandId);
  partner = await waybill.as("partner", brandId);
  const { courier } = await admin.fleet.registerCourier({
    kind: CourierKind.RIDER,
    name: "Rita Rider",
    zone,
    capacity: 2,
    availability: CourierAvailability.ONLINE,
    idempotencyKey: randomUUID(),
  });
  courierId = courier!.courierId;
  await stockedItem(brand, brandId, sku, 10);
  const { customer } = await partner.orders.createCustomer({
    name: "Grace Hopper",
    email: `grace+${randomUUID()}@example.com`,
  });
  customerId = customer!.customerId;
  orderId = await readyOrder();
  await waitUntil(
    () => admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.ASSIGNED && r.assignment.courierId === courierId,
    "the rider's assignment",
  );
  phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  phone.setDefaultTimeout(15_000);
  phone.on("pageerror", (error) => phoneErrors.push(error.message));
}, 240_000);

afterAll(() => harness?.stop());

/** Places an order of two soups for the rider's zone and moves it to ready; returns its id. */
async function readyOrder(): Promise<string> {
  const { order } = await partner.orders.placeOrder(
    orderRequest(customerId, brandId, [[sku, 2]], randomUUID(), { deliveryZone: zone }),
  );
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await brand.orders.updateOrderStatus({ orderId: order!.orderId, status, idempotencyKey: randomUUID() });
  }
  return order!.orderId;
}

/** The card of the order (the first one by default) on the courier's page. */
const card = (id = orderId) => phone.locator(`article[data-order="${id}"]`);

/** Waits until the status badge of the order's card says `label`. */
async function waitForStatus(label: string, id = orderId): Promise<void> {
  await card(id).locator('[data-testid="assignment-status"]').getByText(label, { exact: true }).waitFor();
}

describe("the console's courier page, on a phone", () => {
  it("shows the rider its assignment with only the pick-up allowed", async () => {
    await phone.goto(harness.origin.signInUrl);
    const form = phone.getByRole("form", { name: "Development sign-in" });
    await form.getByLabel("Role").selectOption({ label: "Courier" });
    await form.getByLabel("Courier id").fill(courierId);
    await form.getByRole("button", { name: "Sign in" }).click();
    await phone.waitForURL(/\/assignments$/);
    await phone.getByText("Rita Rider").waitFor();
    await waitForStatus("To pick up");
    expect(await card().getByRole("button", { name: "Delivered" }).count()).toBe(0);
    await card().getByText("Invalidenstrasse 1").waitFor();
    // Its own courier followed live: no Refresh button while the stream is open.
    await phone.locator('[data-live="open"]').getByText("Live").waitFor();
    expect(await phone.getByRole("button", { name: "Refresh" }).count()).toBe(0);
    // The page fits the phone: nothing wider than the viewport.
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });

  it("picks the order up and delivers it; the order ends DELIVERED", async () => {
    await card().getByRole("button", { name: "Picked up" }).click();
    await waitForStatus("On the way");
    expect(await card().getByRole("button", { name: "Picked up" }).count()).toBe(0);
    await phone.screenshot({ path: `${screenshots}console-courier.png`, fullPage: true });

    await card().getByRole("button", { name: "Delivered" }).click();
    // Delivered, it leaves the list of things to do and shows under Done.
    await card().waitFor({ state: "detached" });
    await phone.getByRole("button", { name: "Done" }).click();
    await waitForStatus("Delivered");
    expect(await card().getByRole("button").count()).toBe(0);

    const delivered = await waitUntil(
      () => admin.orders.getOrder({ orderId }),
      (r) => r.order?.status === OrderStatus.DELIVERED,
      "the order's delivery",
    );
    expect(delivered.order?.status).toBe(OrderStatus.DELIVERED);
    expect((await admin.fleet.getAssignment({ orderId })).assignment?.status).toBe(AssignmentStatus.DELIVERED);
  });

  it("lets the rider go offline and online again", async () => {
    await phone.getByRole("button", { name: "Go offline" }).click();
    await phone.getByRole("button", { name: "Go online" }).waitFor();
    expect((await admin.fleet.getCourier({ courierId })).courier?.availability).toBe(CourierAvailability.OFFLINE);
    await phone.getByRole("button", { name: "Go online" }).click();
    await phone.getByRole("button", { name: "Go offline" }).waitFor();
    expect((await admin.fleet.getCourier({ courierId })).courier?.availability).toBe(CourierAvailability.ONLINE);
    expect([...harness.pageErrors, ...phoneErrors]).toEqual([]);
  });

  it("shows an order assigned while the page is open, without a reload", async () => {
    await phone.getByRole("button", { name: "To do" }).click();
    await phone.getByText("Nothing to deliver right now").waitFor();
    await phone.locator('[data-live="open"]').waitFor();
    // A mark on this document: a reload or a navigation would lose it.
    await phone.evaluate(() => {
      document.documentElement.dataset.sameDocument = "yes";
    });

    const second = await readyOrder();
    await waitForStatus("To pick up", second);
    await card(second).getByText("Invalidenstrasse 1").waitFor();
    await phone.getByText("1/2 orders").waitFor();
    expect(await phone.evaluate(() => document.documentElement.dataset.sameDocument)).toBe("yes");
    expect((await admin.fleet.getAssignment({ orderId: second })).assignment?.courierId).toBe(courierId);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${screenshots}console-courier-live.png`, fullPage: true });
    expect([...harness.pageErrors, ...phoneErrors]).toEqual([]);
  });
});
