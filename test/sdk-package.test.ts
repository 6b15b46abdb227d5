import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

const run = promisify(execFile);
let waybill: TestWaybill;

beforeAll(async () => {
  // Build the package as `npm pack` would, then use it by its name, as a partner would.
  await run("npm", ["run", "build", "-w", "@waybill/sdk"], { cwd: new URL("..", import.meta.url).pathname });
  waybill = await startTestWaybill();
}, 120_000);
afterAll(() => waybill?.stop());

it("the built @waybill/sdk entry points reach every service", async () => {
  // Resolved at run time (dist/ exists only after the build above), typed from the sources.
  const packageName = "@waybill/sdk";
  const sdkNode = (await import(`${packageName}/node`)) as typeof import("@waybill/sdk/node");
  const sdkWeb = (await import(packageName)) as typeof import("@waybill/sdk");
  const token = await waybill.token("admin");
  for (const protocol of ["connect", "grpc", "grpc-web"] as const) {
    const client = sdkNode.createWaybill({ baseUrl: waybill.url, token, protocol });
    expect((await client.inventory.listItems({})).items).toEqual([]);
  }
  // The browser entry speaks through fetch, which Node has too.
  const browser = sdkWeb.createWaybill({ baseUrl: waybill.url, token: () => token });
  expect((await browser.notifications.listActivity({})).entries).toBeInstanceOf(Array);
  expect((await browser.fleet.listCouriers({})).couriers).toEqual([]);
  expect((await browser.campaigns.listCampaigns({})).campaigns).toEqual([]);
  // The webhook helper ships in both entries; a signature made with one secret checks out only with it.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await sdkWeb.signWebhookPayload({ secret: "whsec-1", timestamp, body: '{"id":"e1"}' });
  expect(await sdkNode.verifyWebhookSignature({ secret: "whsec-1", body: '{"id":"e1"}', timestamp, signature })).toBe(
    true,
  );
  expect(await sdkNode.verifyWebhookSignature({ secret: "whsec-2", body: '{"id":"e1"}', timestamp, signature })).toBe(
    false,
  );
});
