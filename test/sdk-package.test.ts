import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSdkIfStale, bundleSdkPage, withSdkBuildLock } from "./support/sdk-bundle.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// The built package (sdk/dist) as bundlers and Node load it: its ESM and CommonJS builds reach every
// service, and a browser page with one service's client carries that service alone.
// test/sdk-install.test.ts installs the packed tarball in a project of its own.

type SdkNode = typeof import("@waybill/sdk/node");
type SdkWeb = typeof import("@waybill/sdk");
const dist = new URL("../sdk/dist/", import.meta.url);
/**
 * min+gzip of a page that lists items and watches stock through `createInventoryClient(
 * createWaybillTransport(…))`: 38.4 KB with 1.0.0, of which protobuf-es, Connect and the Inventory
 * contract alone take 32 KB (see sdk/CHANGELOG.md). It fails when a change pulls more in.
 */
const onePageBudgetBytes = 40 * 1024;
let waybill: TestWaybill;
let sdkNode: SdkNode;
let sdkWeb: SdkWeb;
let sdkNodeCjs: SdkNode;

beforeAll(async () => {
  await withSdkBuildLock(async () => {
    await buildSdkIfStale();
    sdkNode = (await import(new URL("node.js", dist).href)) as SdkNode;
    sdkWeb = (await import(new URL("index.js", dist).href)) as SdkWeb;
    sdkNodeCjs = createRequire(import.meta.url)(new URL("node.cjs", dist).pathname) as SdkNode;
  });
  waybill = await startTestWaybill();
}, 240_000);
afterAll(() => waybill?.stop());

describe("the built @waybill/sdk", () => {
  it("reaches every service from the ESM and the CommonJS build, over each protocol", async () => {
    const token = await waybill.token("admin");
    for (const sdk of [sdkNode, sdkNodeCjs]) {
      for (const protocol of ["connect", "grpc", "grpc-web"] as const) {
        const client = sdk.createWaybill({ baseUrl: waybill.url, token, protocol });
        expect((await client.inventory.listItems({})).items).toEqual([]);
      }
    }
    // The browser entry speaks through fetch, which Node has too.
    const browser = sdkWeb.createWaybill({ baseUrl: waybill.url, token: () => token });
    expect((await browser.notifications.listActivity({})).entries).toBeInstanceOf(Array);
    expect((await browser.fleet.listCouriers({})).couriers).toEqual([]);
    expect((await browser.campaigns.listCampaigns({})).campaigns).toEqual([]);
  });

  it("signs and verifies webhooks alike in both builds", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = '{"id":"e1"}';
    const signature = await sdkWeb.signWebhookPayload({ secret: "whsec-1", timestamp, body });
    expect(await sdkNodeCjs.signWebhookPayload({ secret: "whsec-1", timestamp, body })).toBe(signature);
    expect(await sdkNode.verifyWebhookSignature({ secret: "whsec-1", body, timestamp, signature })).toBe(true);
    expect(await sdkNodeCjs.verifyWebhookSignature({ secret: "whsec-2", body, timestamp, signature })).toBe(false);
  });

  it("bundles a one-service browser page with that service's contract alone, no validation rules, no Node", async () => {
    const page = await bundleSdkPage(`
      import { createWaybillTransport } from "@waybill/sdk";
      import { createInventoryClient } from "@waybill/sdk/inventory";
      const inventory = createInventoryClient(createWaybillTransport({ baseUrl: location.origin, token: "t" }));
      const { items } = await inventory.listItems({});
      for await (const change of inventory.watchStock({})) console.log(items, change);
    `);
    expect(page.code).toContain(embeddedFile("waybill/inventory/v1/inventory.proto"));
    for (const other of [
      "orders/v1/orders",
      "fleet/v1/fleet",
      "campaigns/v1/campaigns",
      "notifications/v1/notifications",
    ]) {
      expect(page.code, other).not.toContain(embeddedFile(`waybill/${other}.proto`));
    }
    expect(page.code).not.toContain(embeddedFile("buf/validate/validate.proto"));
    expect(page.code).not.toMatch(/["'`]node:|connect-node|http2/);
    expect(page.gzipBytes).toBeLessThan(onePageBudgetBytes);
    // All five services through createWaybill weigh more: the per-service page did tree-shake.
    const all = await bundleSdkPage(`
      import { createWaybill } from "@waybill/sdk";
      console.log(await createWaybill({ baseUrl: location.origin }).inventory.listItems({}));
    `);
    expect(all.gzipBytes - page.gzipBytes).toBeGreaterThan(5_000);
  }, 120_000);
});

/**
 * How generated code embeds a file's descriptor: base64 of the serialized FileDescriptorProto,
 * which starts with its name (field 1). The first whole base64 groups of that prefix.
 */
function embeddedFile(name: string): string {
  const prefix = Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]);
  return prefix.subarray(0, prefix.length - (prefix.length % 3)).toString("base64");
}
