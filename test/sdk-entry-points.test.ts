import { readFileSync } from "node:fs";
import { create } from "@bufbuild/protobuf";
import { createConnectTransport } from "@connectrpc/connect-node";
import { sdkInterceptors } from "@waybill/sdk";
import * as access from "@waybill/sdk/access";
import * as campaigns from "@waybill/sdk/campaigns";
import * as fleet from "@waybill/sdk/fleet";
import * as inventory from "@waybill/sdk/inventory";
import * as notifications from "@waybill/sdk/notifications";
import * as orders from "@waybill/sdk/orders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

const commonFiles = ["common/v1/money_pb.js", "common/v1/pagination_pb.js", "common/v1/event_pb.js"];
/** The generated files of a service: its contract, its events and the shared messages. */
const serviceFiles = (name: string) => [`${name}/v1/${name}_pb.js`, `${name}/v1/events_pb.js`, ...commonFiles];

/** Each per-service entry point, with the generated files it re-exports whole. */
const entryPoints: readonly {
  readonly name: string;
  readonly entry: Record<string, unknown>;
  readonly files: readonly string[];
}[] = [
  { name: "inventory", entry: inventory, files: serviceFiles("inventory") },
  { name: "orders", entry: orders, files: serviceFiles("orders") },
  { name: "fleet", entry: fleet, files: serviceFiles("fleet") },
  { name: "campaigns", entry: campaigns, files: serviceFiles("campaigns") },
  { name: "notifications", entry: notifications, files: serviceFiles("notifications") },
  { name: "access", entry: access, files: ["access/v1/api_keys_pb.js", "common/v1/pagination_pb.js"] },
];

describe("per-service entry points (@waybill/sdk/<service>)", () => {
  for (const { name, entry, files } of entryPoints) {
    it(`${name}: every message, enum, schema and the service of its generated files, the same objects`, async () => {
      for (const path of files) {
        const module = (await import(`@waybill/contracts/waybill/${path}`)) as Record<string, unknown>;
        expect(Object.keys(module).length, path).toBeGreaterThan(0);
        for (const [exported, value] of Object.entries(module)) {
          expect(entry[exported], `${name} re-exports ${exported} of ${path}`).toBe(value);
        }
      }
    });
  }

  it("are declared in the package's exports with the same conditions as the root entry", () => {
    const manifest = JSON.parse(readFileSync(new URL("../sdk/package.json", import.meta.url), "utf8")) as {
      exports: Record<string, Record<string, string>>;
    };
    const root = manifest.exports["."] ?? {};
    for (const { name } of entryPoints) {
      const conditions = manifest.exports[`./${name}`];
      expect(conditions, name).toBeDefined();
      expect(Object.keys(conditions ?? {}), name).toEqual(Object.keys(root));
      for (const [condition, target] of Object.entries(root)) {
        expect(conditions?.[condition], `${name} ${condition}`).toBe(target.replace("index", name));
      }
    }
  });

  it("hold the types too: the error detail of a stock shortage, built and read from one import", () => {
    const shortage: inventory.StockShortage = create(inventory.StockShortageSchema, {
      skus: [{ sku: "MUG-1", requested: 3n, available: 1n }],
    });
    expect(shortage.skus[0]?.available).toBe(1n);
    const address: fleet.DeliveryAddress = create(fleet.DeliveryAddressSchema, { postalCode: "1011" });
    expect(address.postalCode).toBe("1011");
    expect(orders.OrderStatus[orders.OrderStatus.PLACED]).toBe("PLACED");
  });

  describe("client helpers", () => {
    let waybill: TestWaybill;
    beforeAll(async () => {
      waybill = await startTestWaybill();
    }, 120_000);
    afterAll(() => waybill?.stop());

    it("call each service over a transport carrying the SDK's interceptors", async () => {
      const token = await waybill.token("admin");
      const transport = createConnectTransport({
        baseUrl: waybill.url,
        httpVersion: "1.1",
        interceptors: sdkInterceptors({ baseUrl: waybill.url, token }),
      });
      expect((await inventory.createInventoryClient(transport).listItems({})).items).toEqual([]);
      expect((await orders.createOrderClient(transport).listOrders({})).orders).toEqual([]);
      expect((await fleet.createFleetClient(transport).listCouriers({})).couriers).toEqual([]);
      expect((await campaigns.createCampaignClient(transport).listCampaigns({})).campaigns).toEqual([]);
      expect((await notifications.createNotificationClient(transport).listActivity({})).entries).toBeInstanceOf(Array);
      expect((await access.createApiKeyClient(transport).listApiKeys({ brandId: "acme" })).apiKeys).toEqual([]);
    });
  });
});
