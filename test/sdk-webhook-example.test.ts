import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { signWebhookPayload, WebhookHeaders } from "@waybill/sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, stockedItem, waitUntil } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// The webhook receiver the SDK ships as an example (sdk/examples/webhook-receiver.mjs), run as its
// own process and fed real deliveries by a real Waybill.
const root = new URL("..", import.meta.url).pathname;
let waybill: TestWaybill;
let receiver: ChildProcess | undefined;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  waybill = await startTestWaybill();
}, 60_000);
afterAll(async () => {
  receiver?.kill("SIGTERM");
  await waybill?.stop();
});

/** Starts the example with a secret on a port and collects the JSON lines it prints. */
async function startExample(port: number, secret: string): Promise<void> {
  const child = spawn(
    `${root}node_modules/.bin/tsx`,
    ["--conditions=@waybill/source", "sdk/examples/webhook-receiver.mjs"],
    { cwd: root, env: { ...process.env, PORT: String(port), WAYBILL_WEBHOOK_SECRET: secret }, stdio: "pipe" },
  );
  receiver = child;
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  await waitUntil(
    async () => lines,
    (seen) => seen.some((line) => line.listening === port),
    "the example receiver to listen",
  );
}

it("verifies real deliveries, handles each event once, and refuses a forged one", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/waybill`;
  const brand = await waybill.as("brand", "hooks");
  const { signingSecret } = await brand.notifications.registerWebhook({
    brandId: "hooks",
    url,
    eventTypes: ["waybill.inventory.v1.StockChanged"],
    description: "the SDK example",
  });
  await startExample(port, signingSecret);

  // A real event: a restock is delivered, signed, and handled once.
  await stockedItem(brand, "hooks", "HOOK-1", 5);
  const handledLines = await waitUntil(
    async () => lines.filter((line) => line.handled === "waybill.inventory.v1.StockChanged"),
    (found) => found.length === 1,
    "the restock to reach the example",
  );
  expect(JSON.stringify(handledLines[0]?.event)).toContain("HOOK-1");

  // A delivery sent again with the same event id (a retry) is acknowledged but not handled twice.
  const body = JSON.stringify({ sku: "HOOK-1" });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signed = {
    "content-type": "application/json",
    [WebhookHeaders.eventId]: "event-sent-twice",
    [WebhookHeaders.eventType]: "waybill.inventory.v1.StockChanged",
    [WebhookHeaders.timestamp]: timestamp,
    [WebhookHeaders.signature]: await signWebhookPayload({ secret: signingSecret, timestamp, body }),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    expect((await fetch(url, { method: "POST", headers: signed, body })).status).toBe(204);
  }
  expect(lines.filter((line) => line.handled !== undefined)).toHaveLength(2);

  // Signed with another secret, or with the body changed: refused, not handled.
  const forged = await signWebhookPayload({ secret: "whsec_not-the-secret", timestamp, body });
  const refusals = [
    await fetch(url, { method: "POST", headers: { ...signed, [WebhookHeaders.signature]: forged }, body }),
    await fetch(url, { method: "POST", headers: signed, body: JSON.stringify({ sku: "HOOK-2" }) }),
  ];
  expect(refusals.map((response) => response.status)).toEqual([400, 400]);
  expect(lines.filter((line) => line.refused === "bad signature")).toHaveLength(2);
  expect(lines.filter((line) => line.handled !== undefined)).toHaveLength(2);
}, 60_000);
