import { Code } from "@connectrpc/connect";
import { createWaybill } from "@waybill/sdk/node";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import { developmentAuthSecret } from "../../services/kit/config/index.js";
import { createIsolatedEnvironment, errorOf, type IsolatedEnvironment, spawnWaybill } from "../support/index.js";
import { startTestWaybill, type TestWaybill, testAuthSecret } from "../support/test-waybill.js";

/** An admin token signed with the test secret, its expiry set (or not) by `expire`. */
function adminToken(expire: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwt = new SignJWT({ role: "admin" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer("waybill")
    .setSubject("ops");
  return expire(jwt).sign(new TextEncoder().encode(testAuthSecret));
}

describe("the secret production starts with", () => {
  let env: IsolatedEnvironment;
  beforeAll(async () => {
    env = await createIsolatedEnvironment();
  });
  afterAll(() => env?.cleanup());

  it.each([
    [developmentAuthSecret, "is the published development secret"],
    ["x".repeat(48), "has only 1 distinct characters"],
    ["0123".repeat(12), "has only 4 distinct characters"],
  ])("refuses %s, saying why, and exits", async (secret, reason) => {
    const started = await spawnWaybill(env, {
      NODE_ENV: "production",
      AUTH_SECRET: secret,
      SERVICES: "inventory",
    }).catch((error: Error) => error);
    if (!(started instanceof Error)) await started.kill("SIGTERM");
    expect(started).toBeInstanceOf(Error);
    expect((started as Error).message).toMatch(
      new RegExp(`waybill: AUTH_SECRET: ${reason}.*refused when NODE_ENV=production`),
    );
  });
});

describe("token lifetimes", () => {
  let waybill: TestWaybill;
  beforeAll(async () => {
    waybill = await startTestWaybill({ definitions: [inventoryService] });
  });
  afterAll(() => waybill?.stop());

  const listItems = (token: string) =>
    createWaybill({ baseUrl: waybill.url, token }).inventory.listItems({ brandId: "acme" });

  it("refuses a token without exp as UNAUTHENTICATED, saying so", async () => {
    const error = await errorOf(listItems(await adminToken((jwt) => jwt.setIssuedAt())));
    expect(error.code).toBe(Code.Unauthenticated);
    expect(error.rawMessage).toContain("token has no expiry (exp claim)");
  });

  it("refuses a token living 100 years, with or without iat, and accepts one living an hour", async () => {
    for (const expire of [
      (jwt: SignJWT) => jwt.setIssuedAt().setExpirationTime("100y"),
      (jwt: SignJWT) => jwt.setExpirationTime("100y"),
    ]) {
      const error = await errorOf(listItems(await adminToken(expire)));
      expect(error.code).toBe(Code.Unauthenticated);
      expect(error.rawMessage).toMatch(/token lives \d+ s, longer than the 2592000 s this server accepts/);
    }
    await expect(
      listItems(await adminToken((jwt) => jwt.setIssuedAt().setExpirationTime("1h"))),
    ).resolves.toBeDefined();
    await expect(listItems(await waybill.token("admin"))).resolves.toBeDefined();
  });
});
