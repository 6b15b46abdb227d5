import { randomBytes, randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/sdk/fleet";
import { OrderStatus } from "@waybill/sdk/orders";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRequest, stockedItem } from "../support/index.js";
import type { TestWaybill } from "../support/test-waybill.js";
import { type ConsoleHarness, screenshots, startConsoleHarness } from "./support/console-harness.js";
import type { ConsoleOrigin } from "./support/console-origin.js";
import { signInAs } from "./support/sign-in-as.js";

// The operator's fleet page and an order's flight, in a real Chromium against a real Waybill.
// A brand moves an order to ready in the console; it waits in its zone's queue until the operator
// brings the zone's drone online on the fleet page; the drone takes it, flies out (its position
// on the schematic moves), comes back and lands, and the order page ends DELIVERED with every move
// in its timeline. Flights take 8 s each way (FLEET_TIME_SCALE 0.01), long enough for a loaded
// machine to see them; the page records every phase it draws, so no state is missed between
// two looks. Every wait is on what the page shows. Each test signs in and flies a drone of its own
// zone, so none depends on another's leftovers; the recall test's zone flies for 120 s each way,
// so the recall reaches Fleet long before the drone could deliver, however loaded the machine.

const brandId = `fleet-${randomBytes(3).toString("hex")}`;
const sku = "KITE-E2E";
const recallZone = "recall-zone";
const flightEnv = {
  FLEET_TIME_SCALE: "0.01",
  FLEET_TRAVEL_MS: "800000",
  FLEET_ZONE_TRAVEL_MS: `${recallZone}=12000000`,
  FLEET_LOAD_MS: "100000",
  FLEET_TICK_MS: "20",
};
// A flight out and back with loading is about 17 s; a step may take that long on a loaded machine.
const flightWait = { timeout: 40_000 };
// The recalled drone flies back as long as it flew out before the recall came.
const recallWait = { timeout: 90_000 };

let harness: ConsoleHarness;
let waybill: TestWaybill;
let origin: ConsoleOrigin;
let page: Page;
let pageErrors: readonly string[];
let partner: Waybill;
let admin: Waybill;
let customerId: string;

beforeAll(async () => {
  harness = await startConsoleHarness(flightEnv);
  ({ waybill, origin, page, pageErrors } = harness);
  const brand = await waybill.as("brand", brandId);
  partner = await waybill.as("partner", brandId);
  admin = await waybill.as("admin");
  await stockedItem(brand, brandId, sku, 20);
  const { customer } = await partner.orders.createCustomer({
    name: "Amelia Earhart",
    email: `amelia+${randomUUID()}@example.com`,
  });
  customerId = customer!.customerId;
}, 240_000);

afterAll(() => harness?.stop());

const url = (path: string) => origin.signInUrl.replace("/sign-in", path);

/** A drone of `zone` (the test's own), registered through the SDK, and where the page draws it. */
interface Drone {
  readonly zone: string;
  readonly name: string;
  readonly id: string;
  /** The drone on its zone's schematic. */
  readonly css: string;
}

async function registerDrone(zone: string, name: string, availability: CourierAvailability): Promise<Drone> {
  const { courier } = await admin.fleet.registerCourier({
    kind: CourierKind.DRONE,
    name,
    zone,
    capacity: 1,
    availability,
    idempotencyKey: randomUUID(),
  });
  const id = courier!.courierId;
  return { zone, name, id, css: `[data-zone="${zone}"] [data-drone="${id}"]` };
}

const droneState = (drone: Drone) =>
  page.locator(`[data-zone="${drone.zone}"] tr[data-row="${drone.id}"] td[data-column="state"]`);

/** Waits until the order page's status badge says `label`. */
async function waitForStatus(label: string, options = { timeout: 15_000 }): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="order-status"] .badge')?.textContent?.trim() === expected,
    label,
    options,
  );
}

/** The drone's position on the schematic now (0 at base, 1 at the customer). */
async function dronePosition(drone: Drone): Promise<number> {
  return Number(await page.locator(drone.css).getAttribute("data-progress"));
}

async function placeOrder(deliveryZone: string): Promise<string> {
  const { order } = await partner.orders.placeOrder(
    orderRequest(customerId, brandId, [[sku, 1]], randomUUID(), { deliveryZone }),
  );
  return order!.orderId;
}

/** Moves an order to ready for dispatch through the SDK, as the brand's kitchen would. */
async function moveToReady(orderId: string): Promise<void> {
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await partner.orders.updateOrderStatus({ orderId, status, idempotencyKey: randomUUID() });
  }
}

/** Waits until the flight drawn at `css` is past `progress` (0 at base, 1 at the customer). */
async function waitForProgress(css: string, progress: number): Promise<void> {
  await page.waitForFunction(
    ([selector, from]) => Number(document.querySelector(selector)?.getAttribute("data-progress")) > from,
    [css, progress] as const,
    flightWait,
  );
}

describe("the operator's fleet page", () => {
  it("shows a drone take a queued order, fly it out and come back, and the order end DELIVERED", async () => {
    // Offline until the operator brings it online: the order waits in the queue first.
    const drone = await registerDrone("drone-zone", "Kestrel", CourierAvailability.OFFLINE);
    const orderId = await placeOrder(drone.zone);

    // The brand moves the order to ready in the console.
    await signInAs(page, origin, { role: "brand", brandId });
    await page.goto(url(`/orders/${orderId}`));
    await waitForStatus("Placed");
    await page.getByRole("button", { name: "Start preparing" }).click();
    await waitForStatus("Preparing");
    await page.getByRole("button", { name: "Mark ready for dispatch" }).click();
    await waitForStatus("Ready for dispatch");

    // The operator sees it queued in the drone's zone, the drone offline at base.
    await signInAs(page, origin, { role: "admin" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fleet" }).click();
    await page.waitForURL(/\/fleet$/);
    await page.locator(`[data-zone="${drone.zone}"] [data-testid="zone-queue"] li[data-order="${orderId}"]`).waitFor();
    await droneState(drone).locator('[data-state="Offline"]').waitFor();
    expect(await page.locator(drone.css).getAttribute("data-phase")).toBe("base");
    await page.locator('[data-live="open"]').waitFor();

    // Every phase the schematic draws, as it draws it: nothing is missed between two looks.
    await page.evaluate((css) => {
      const seen: string[] = [];
      (window as unknown as { phases: string[] }).phases = seen;
      const record = () => {
        const phase = document.querySelector(css)?.getAttribute("data-phase");
        if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
      };
      record();
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, drone.css);

    // Online, the drone takes the order at once: the queue empties, the drone flies.
    await page.getByLabel(`Availability of ${drone.name}`).selectOption({ label: "Online" });
    await page.locator(`[data-zone="${drone.zone}"]`).getByText("Nobody waits.").waitFor();
    await page.locator(`${drone.css}[data-phase="outbound"]`).waitFor(flightWait);
    await droneState(drone).locator('[data-state="En route"]').waitFor();
    await page
      .locator(`[data-zone="${drone.zone}"] li[data-order="${orderId}"]`)
      .getByText(/En route/)
      .waitFor();
    // It moves along the way out, frame after frame, from the flight's times alone.
    await waitForProgress(drone.css, (await dronePosition(drone)) + 0.05);
    await page.screenshot({ path: `${screenshots}console-fleet.png`, fullPage: true });

    // It delivers, flies back and lands, ready for the next order.
    await page.locator(`${drone.css}[data-phase="returning"]`).waitFor(flightWait);
    await droneState(drone).locator('[data-state="Ready"]').waitFor(flightWait);
    await page.locator(`${drone.css}[data-phase="base"]`).waitFor();
    expect(await dronePosition(drone)).toBe(0);
    const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
    expect(phases[0]).toBe("base");
    expect(phases.at(-1)).toBe("base");
    const out = phases.indexOf("outbound");
    expect(out).toBeGreaterThan(0);
    expect(phases.indexOf("returning")).toBeGreaterThan(out);

    // The order page ends DELIVERED, the flight at the customer, every move in the timeline.
    await page.locator(`[data-zone="${drone.zone}"]`).getByText("Nobody waits.").waitFor();
    await page.goto(url(`/orders/${orderId}?brand=${brandId}`));
    await waitForStatus("Delivered");
    await page.locator('[data-testid="order-flight"][data-phase="arrived"]').waitFor();
    await page.locator('[data-testid="order-timeline"] li[data-status="Delivered"]').waitFor();
    const timeline = await page
      .locator('[data-testid="order-timeline"] li')
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
    expect(timeline).toEqual(["Placed", "Preparing", "Ready for dispatch", "Dispatched", "En route", "Delivered"]);
    await page.screenshot({ path: `${screenshots}console-order-delivered.png`, fullPage: true });
    expect((await admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.DELIVERED);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("draws an order's flight live on its page", async () => {
    // An online drone at base in a zone of its own: a ready order goes to it at once.
    const drone = await registerDrone("flight-zone", "Merlin", CourierAvailability.ONLINE);
    const orderId = await placeOrder(drone.zone);
    await signInAs(page, origin, { role: "admin" });
    await page.goto(url(`/orders/${orderId}?brand=${brandId}`));
    await waitForStatus("Placed");
    await page.locator('[data-live="open"]').waitFor();
    await moveToReady(orderId);
    const flight = '[data-testid="order-flight"]';
    await page.locator(`${flight}[data-phase="outbound"]`).waitFor(flightWait);
    await page.getByTestId("order-delivery").getByText(`Drone ${drone.name}`).waitFor();
    await page.getByTestId("order-delivery").getByText("Expected arrival").waitFor();
    await waitForProgress(flight, Number(await page.locator(flight).getAttribute("data-progress")) + 0.05);
    await waitForStatus("Delivered", flightWait);
    await page.locator(`${flight}[data-phase="arrived"]`).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("recalls a flying drone by cancelling its order: it turns back where it is and lands", async () => {
    // Its zone flies 120 s each way: the recall comes long before the drone could deliver.
    const drone = await registerDrone(recallZone, "Osprey", CourierAvailability.ONLINE);
    const orderId = await placeOrder(drone.zone);
    await signInAs(page, origin, { role: "admin" });
    await page.goto(url("/fleet"));
    await page.locator('[data-live="open"]').waitFor();
    await moveToReady(orderId);
    await page.locator(`${drone.css}[data-phase="outbound"]`).waitFor(flightWait);
    // Moving: 1.2 s into the flight.
    await waitForProgress(drone.css, 0.01);

    const short = orderId.slice(0, 8);
    await page.getByRole("button", { name: `Recall order ${short}` }).click();
    const confirm = page.getByRole("form", { name: `Recall order ${short}` });
    await confirm.getByLabel("Reason").fill("customer moved away");
    await confirm.getByRole("button", { name: "Cancel order and recall" }).click();
    await page.locator(`${drone.css}[data-phase="returning"]`).waitFor(flightWait);
    // It turned where it was, well before the customer, and flies back from there: the way back
    // lasts as long as the way out did, so a slow machine's later recall only lengthens it.
    expect(await dronePosition(drone)).toBeLessThan(0.9);
    await droneState(drone).locator('[data-state="Ready"]').waitFor(recallWait);
    await page.locator(`${drone.css}[data-phase="base"]`).waitFor();

    expect((await admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.CANCELLED);
    const { assignment } = await admin.fleet.getAssignment({ orderId });
    expect(assignment?.status).toBe(AssignmentStatus.RETURNED);
    expect(assignment?.endReason).toMatch(/customer moved away/);
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it("registers a courier, marks a bad id on its field, and sets its availability", async () => {
    await signInAs(page, origin, { role: "admin" });
    await page.goto(url("/fleet"));
    await page.getByRole("button", { name: "Register courier" }).click();
    const form = page.getByRole("form", { name: "Register a courier" });
    await form.getByLabel("Kind").selectOption({ label: "Rider" });
    await form.getByLabel("Name").fill("Bessie");
    await form.getByLabel("Zone").fill("rider-zone");
    await form.getByLabel("Capacity").fill("3");
    await form.getByLabel("Availability").selectOption({ label: "Offline" });
    await form.getByLabel("Courier id").fill("not-a-uuid");
    await form.getByRole("button", { name: "Register" }).click();
    await form.locator('input[name="courierId"][aria-invalid="true"]').waitFor();
    expect(await form.locator(".field-invalid .field-error").textContent()).toMatch(/UUID/i);
    // A drone carries one order: the contract's rule marks the capacity.
    await form.getByLabel("Kind").selectOption({ label: "Drone" });
    await form.getByLabel("Capacity").fill("2");
    await form.getByRole("button", { name: "Register" }).click();
    await form.locator('input[name="capacity"][aria-invalid="true"]').waitFor();
    await form.getByLabel("Kind").selectOption({ label: "Rider" });
    await form.getByLabel("Capacity").fill("3");

    const courierId = randomUUID();
    await form.getByLabel("Courier id").fill(courierId);
    await form.getByRole("button", { name: "Register" }).click();
    await form.waitFor({ state: "detached" });
    const row = page.locator(`[data-zone="rider-zone"] tr[data-row="${courierId}"]`);
    await row.locator('td[data-column="state"] [data-state="Offline"]').waitFor();
    expect(await row.locator('td[data-column="load"]').textContent()).toBe("0 / 3");

    // An order queued in its zone shows at once: no courier moved, the activity feed tells.
    const orderId = await placeOrder("rider-zone");
    await moveToReady(orderId);
    const queued = page.locator(`[data-zone="rider-zone"] [data-testid="zone-queue"] li[data-order="${orderId}"]`);
    await queued.waitFor();

    // Online, the rider takes it; in maintenance it gives it back to the queue.
    await page.getByLabel("Availability of Bessie").selectOption({ label: "Online" });
    await row.locator(`td[data-column="deliveries"] li[data-order="${orderId}"]`).waitFor();
    await row.locator('td[data-column="state"] [data-state="Ready"]').waitFor();
    expect(await row.locator('td[data-column="load"]').textContent()).toBe("1 / 3");
    await queued.waitFor({ state: "detached" });
    expect((await admin.fleet.getCourier({ courierId })).courier?.availability).toBe(CourierAvailability.ONLINE);
    await page.getByLabel("Availability of Bessie").selectOption({ label: "Maintenance" });
    await row.locator('td[data-column="state"] [data-state="Maintenance"]').waitFor();
    await queued.waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
