import { randomUUID } from "node:crypto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { type Client, Code, type ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { DevSignInService, type SignInRequestSchema } from "@waybill/contracts/waybill/access/v1/dev_sign_in_pb.js";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceDefinitions } from "../../services/definitions.js";
import { inventoryService } from "../../services/inventory/index.js";
import { ConfigError, loadConfig } from "../../services/kit/config/index.js";
import { errorOf, orderRequest, stockedItem } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

let waybill: TestWaybill;

beforeAll(async () => {
  waybill = await startTestWaybill();
  const admin = await waybill.as("admin");
  await stockedItem(admin, "acme", "MUG-1", 20);
  await stockedItem(admin, "globex", "CUP-1", 20);
});
afterAll(async () => {
  await waybill?.stop();
});

type SignInInit = MessageInitShape<typeof SignInRequestSchema>;

/** DevSignInService without any credential, as the console calls it before signing in. */
function signInClient(url: string): Client<typeof DevSignInService> {
  return createClient(DevSignInService, createConnectTransport({ baseUrl: url, httpVersion: "1.1" }));
}

/** The SDK's clients with the token a sign-in answered. */
async function signedIn(request: SignInInit) {
  const answer = await signInClient(waybill.url).signIn(request);
  return { answer, client: createWaybill({ baseUrl: waybill.url, token: answer.token, retry: false }) };
}

/** The fields named by the `buf.validate.Violations` detail of a refusal. */
function violatedFields(error: ConnectError): string[] {
  return error
    .findDetails(ViolationsSchema)
    .flatMap((detail) =>
      detail.violations.map((v) => v.field?.elements.map((element) => element.fieldName).join(".") ?? ""),
    );
}

describe("the development sign-in", () => {
  it("gives an admin a token that works for every brand, expiring in a day by default", async () => {
    const before = Date.now();
    const { answer, client } = await signedIn({ role: Role.ADMIN });
    expect(answer).toMatchObject({ role: Role.ADMIN, brandId: "", subject: "dev-admin" });
    const expiresIn = Number(answer.expireTime?.seconds) * 1000 - before;
    expect(expiresIn).toBeGreaterThan(86_398_000);
    expect(expiresIn).toBeLessThanOrEqual(86_401_000);
    const items = await client.inventory.listItems({ brandId: "globex" });
    expect(items.items.map((item) => item.sku)).toEqual(["CUP-1"]);
  });

  it("gives a brand a token bound to its brand, and a partner too", async () => {
    for (const role of [Role.BRAND, Role.PARTNER]) {
      const { answer, client } = await signedIn({ role, brandId: "acme" });
      expect(answer).toMatchObject({ role, brandId: "acme" });
      const items = await client.inventory.listItems({ brandId: "acme" });
      expect(items.items.map((item) => item.sku)).toEqual(["MUG-1"]);
      expect((await errorOf(client.inventory.listItems({ brandId: "globex" }))).code).toBe(Code.PermissionDenied);
    }
  });

  it("gives a customer a token whose subject is the customer, reading its own orders only", async () => {
    const admin = await waybill.as("admin");
    const created = await admin.orders.createCustomer({ name: "Ada", email: "ada@example.com", idempotencyKey: "ada" });
    const customerId = created.customer?.customerId ?? "";
    const placed = await admin.orders.placeOrder(orderRequest(customerId, "acme", [["MUG-1", 1]], "ada-1"));
    const { answer, client } = await signedIn({ role: Role.CUSTOMER, customerId });
    expect(answer).toMatchObject({ role: Role.CUSTOMER, subject: customerId, brandId: "" });
    const orders = await client.orders.listOrders({ customerId });
    expect(orders.orders.map((order) => order.orderId)).toEqual([placed.order?.orderId]);
    const someoneElse = randomUUID();
    expect((await errorOf(client.orders.listOrders({ customerId: someoneElse }))).code).toBe(Code.PermissionDenied);
  });

  it("gives a courier a token whose subject is the courier", async () => {
    const admin = await waybill.as("admin");
    const { courier } = await admin.fleet.registerCourier({
      kind: CourierKind.RIDER,
      name: "Rita",
      zone: "berlin-mitte",
      capacity: 2,
      availability: CourierAvailability.OFFLINE,
      idempotencyKey: "rita",
    });
    const courierId = courier?.courierId ?? "";
    const { answer, client } = await signedIn({ role: Role.COURIER, courierId });
    expect(answer).toMatchObject({ role: Role.COURIER, subject: courierId });
    expect((await client.fleet.getCourier({ courierId })).courier?.name).toBe("Rita");
  });

  it("honours a shorter lifetime and refuses one over TOKEN_MAX_LIFETIME_SECONDS, naming the field", async () => {
    const { answer } = await signedIn({ role: Role.ADMIN, ttlSeconds: 60 });
    expect(Number(answer.expireTime?.seconds) * 1000 - Date.now()).toBeLessThanOrEqual(60_000);
    const error = await errorOf(signInClient(waybill.url).signIn({ role: Role.ADMIN, ttlSeconds: 2_592_001 }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(violatedFields(error)).toEqual(["ttl_seconds"]);
    expect(error.rawMessage).toContain("TOKEN_MAX_LIFETIME_SECONDS");
  });

  it.each<[string, SignInInit, string[]]>([
    ["no role", {}, ["role"]],
    ["the service role", { role: Role.SERVICE }, ["role"]],
    ["a brand without its brand", { role: Role.BRAND }, ["brand_id"]],
    ["a partner without its brand", { role: Role.PARTNER }, ["brand_id"]],
    ["a brand id that is no brand id", { role: Role.BRAND, brandId: "Acme Inc" }, ["brand_id"]],
    ["a customer without its id", { role: Role.CUSTOMER }, ["customer_id"]],
    ["a customer id that is no UUID", { role: Role.CUSTOMER, customerId: "ada" }, ["customer_id"]],
    ["a courier without its id", { role: Role.COURIER }, ["courier_id"]],
    [
      "an admin with a brand and a courier",
      { role: Role.ADMIN, brandId: "acme", courierId: randomUUID() },
      ["brand_id", "courier_id"],
    ],
  ])("refuses %s with INVALID_ARGUMENT naming the field", async (_, request, fields) => {
    const error = await errorOf(signInClient(waybill.url).signIn(request));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(violatedFields(error).sort()).toEqual(fields);
    for (const field of fields) expect(error.rawMessage).toContain(field);
  });

  it("answers the plain Connect JSON call a browser makes, with no token at all", async () => {
    const response = await fetch(new URL("/waybill.access.v1.DevSignInService/SignIn", waybill.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "ROLE_BRAND", brandId: "acme" }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token?: string; role?: string; subject?: string };
    expect(body).toMatchObject({ role: "ROLE_BRAND", subject: "dev-brand-acme" });
    expect(body.token?.split(".")).toHaveLength(3);
  });

  it("is in the API reference at /docs", async () => {
    const response = await fetch(new URL("/docs/openapi.json", waybill.url));
    expect(response.status).toBe(200);
    const paths = Object.keys(((await response.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toContain("/waybill.access.v1.DevSignInService/SignIn");
  });
});

describe("a Waybill without the development sign-in", () => {
  let closed: TestWaybill;
  beforeAll(async () => {
    closed = await startTestWaybill({ definitions: [inventoryService], env: { DEV_SIGN_IN_ENABLED: "false" } });
  });
  afterAll(async () => {
    await closed?.stop();
  });

  it("answers the sign-in like an unknown RPC, whether a token is sent or not", async () => {
    const error = await errorOf(signInClient(closed.url).signIn({ role: Role.ADMIN }));
    expect(error.code).toBe(Code.Unimplemented);
    const response = await fetch(new URL("/waybill.access.v1.DevSignInService/SignIn", closed.url), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await closed.token("admin")}` },
      body: JSON.stringify({ role: "ROLE_ADMIN" }),
    });
    expect(response.status).toBe(404);
  });
});

describe("the development sign-in's rate limit", () => {
  let limited: TestWaybill;
  beforeAll(async () => {
    limited = await startTestWaybill({ definitions: [inventoryService], env: { RATE_LIMITS: "anonymous=1/m:2" } });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("is the budget of the caller's address, like a call without a token", async () => {
    const client = signInClient(limited.url);
    await client.signIn({ role: Role.ADMIN });
    await client.signIn({ role: Role.ADMIN });
    const error = await errorOf(client.signIn({ role: Role.ADMIN }));
    expect(error.code).toBe(Code.ResourceExhausted);
  });
});

describe("the development sign-in's setting", () => {
  const secret = { AUTH_SECRET: "vS3q+J0x9cLr2mWb7TzK4hYd1PfA8nGe" };
  const catalog = serviceDefinitions.map((definition) => ({
    name: definition.name,
    settings: { variables: {}, read: () => ({}) },
  }));

  it("is on by default only on a development server: not production, the development secret", () => {
    expect(loadConfig({}, {}, catalog).devSignInEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", ...secret }, {}, catalog).devSignInEnabled).toBe(false);
    // A staging server given a real secret mints no tokens unless told to.
    expect(loadConfig({ ...secret }, {}, catalog).devSignInEnabled).toBe(false);
    expect(loadConfig({ DEV_SIGN_IN_ENABLED: "true", ...secret }, {}, catalog).devSignInEnabled).toBe(true);
    expect(loadConfig({ DEV_SIGN_IN_ENABLED: "false" }, {}, catalog).devSignInEnabled).toBe(false);
  });

  it("is refused at start when turned on in production", () => {
    const load = () => loadConfig({ NODE_ENV: "production", DEV_SIGN_IN_ENABLED: "true", ...secret }, {}, catalog);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^DEV_SIGN_IN_ENABLED: refused when NODE_ENV=production/);
  });
});
