import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { Code } from "@connectrpc/connect";
import { status as GrpcStatus } from "@grpc/grpc-js";
import { Health, HealthCheckResponse_ServingStatus } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callGrpcJs } from "./support/grpc-js-client.js";
import { errorOf, itemRequest } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

const run = promisify(execFile);
let waybill: TestWaybill;
let address: string;

beforeAll(async () => {
  waybill = await startTestWaybill();
  address = new URL(waybill.url).host;
  const brand = await waybill.as("brand", "acme");
  await brand.inventory.createItem(itemRequest("acme", "MUG-1", { name: "Mug", price: 1250n, threshold: 2n }));
});
afterAll(() => waybill?.stop());

describe("one port, every protocol", () => {
  it.each(["connect", "grpc", "grpc-web"] as const)("the SDK reaches Inventory over %s", async (protocol) => {
    const client = await waybill.as("brand", "acme", protocol);
    const { item } = await client.inventory.getItem({ brandId: "acme", sku: "MUG-1" });
    expect(item?.name).toBe("Mug");
    expect(item?.unitPrice?.minorUnits).toBe(1250n);
  });

  it("a plain @grpc/grpc-js client calls Inventory and the health service", async () => {
    const token = await waybill.token("brand", "acme");
    const result = await callGrpcJs(address, InventoryService.method.getItem, { brandId: "acme", sku: "MUG-1" }, token);
    expect(result.ok && result.message.item?.sku).toBe("MUG-1");
    const health = await callGrpcJs(address, Health.method.check, { service: "waybill.inventory.v1.InventoryService" });
    expect(health.ok && health.message.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const unknown = await callGrpcJs(address, Health.method.check, { service: "no.such.Service" });
    expect(unknown.ok ? "ok" : unknown.code).toBe(GrpcStatus.NOT_FOUND);
  });

  it("grpc-js sees the right status codes and readable messages for errors", async () => {
    const missing = await callGrpcJs(
      address,
      InventoryService.method.getItem,
      { brandId: "acme", sku: "NOPE" },
      await waybill.token("admin"),
    );
    expect(missing).toMatchObject({ ok: false, code: GrpcStatus.NOT_FOUND, details: "brand acme has no item NOPE" });
    const anonymous = await callGrpcJs(address, InventoryService.method.getItem, { brandId: "acme", sku: "MUG-1" });
    expect(anonymous).toMatchObject({ ok: false, code: GrpcStatus.UNAUTHENTICATED });
  });

  it("buf curl calls Inventory with the committed schema image over gRPC", async () => {
    const token = await waybill.token("brand", "acme");
    const { stdout } = await run("npx", [
      "buf",
      "curl",
      "--schema",
      "gen/waybill.binpb",
      "--protocol",
      "grpc",
      "--http2-prior-knowledge",
      "-H",
      `Authorization: Bearer ${token}`,
      "-d",
      JSON.stringify({ brandId: "acme", sku: "MUG-1" }),
      `${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ item: { brandId: "acme", sku: "MUG-1", name: "Mug" } });
  });

  it("answers CORS preflights for browsers", async () => {
    const response = await fetch(`${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://console.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,connect-protocol-version",
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://console.example");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("validation", () => {
  it("refuses a request breaking a rule with InvalidArgument naming the field", async () => {
    const brand = await waybill.as("brand", "acme");
    const error = await errorOf(
      brand.inventory.createItem({
        brandId: "acme",
        sku: "bad sku!",
        name: "X",
        unitPrice: { currencyCode: "EUR", minorUnits: 1n },
        idempotencyKey: "k",
      }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("sku");
    const [violations] = error.findDetails(ViolationsSchema);
    expect(violations?.violations.map((v) => v.field?.elements.map((e) => e.fieldName).join("."))).toEqual(["sku"]);
  });

  it("names nested and custom-rule fields", async () => {
    const brand = await waybill.as("brand", "acme");
    const error = await errorOf(
      brand.inventory.createItem({
        brandId: "acme",
        sku: "OK-1",
        name: "X",
        unitPrice: { currencyCode: "eur", minorUnits: -5n },
        idempotencyKey: "k2",
      }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    const fields = error
      .findDetails(ViolationsSchema)[0]
      ?.violations.map((v) => v.field?.elements.map((e) => e.fieldName).join("."));
    expect(fields).toEqual(expect.arrayContaining(["unit_price.currency_code", "unit_price"]));
  });
});

describe("authentication and authorization", () => {
  it("refuses a call without a token with Unauthenticated", async () => {
    const anonymous = createWaybill({ baseUrl: waybill.url });
    const error = await errorOf(anonymous.inventory.getItem({ brandId: "acme", sku: "MUG-1" }));
    expect(error.code).toBe(Code.Unauthenticated);
  });

  it("refuses a forged token with Unauthenticated", async () => {
    const forged = createWaybill({ baseUrl: waybill.url, token: `${(await waybill.token("admin")).slice(0, -4)}AAAA` });
    const error = await errorOf(forged.inventory.getItem({ brandId: "acme", sku: "MUG-1" }));
    expect(error.code).toBe(Code.Unauthenticated);
  });

  it("refuses a role the contract does not allow with PermissionDenied", async () => {
    const customer = await waybill.as("customer");
    const error = await errorOf(customer.inventory.getItem({ brandId: "acme", sku: "MUG-1" }));
    expect(error.code).toBe(Code.PermissionDenied);
    const brand = await waybill.as("brand", "acme");
    const rebuild = await errorOf(brand.inventory.rebuildStock({}));
    expect(rebuild.code).toBe(Code.PermissionDenied);
  });

  it("refuses a brand acting for another brand instead of answering empty", async () => {
    const other = await waybill.as("brand", "globex");
    const get = await errorOf(other.inventory.getItem({ brandId: "acme", sku: "MUG-1" }));
    expect(get.code).toBe(Code.PermissionDenied);
    const list = await errorOf(other.inventory.listItems({ brandId: "acme" }));
    expect(list.code).toBe(Code.PermissionDenied);
  });
});
