import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Client, Code, createClient } from "@connectrpc/connect";
import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { createWaybill, createWaybillTransport, type NodeWaybillOptions } from "@waybill/sdk/node";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import {
  type AccessDatabase,
  accessSchema,
  formatApiKeyCredential,
  hashApiKeySecret,
  newApiKeyCredential,
} from "../../services/kit/api-keys/index.js";
import { createDatabase } from "../../services/kit/database/index.js";
import { createTestLogger, errorOf, orderRequest, stockedItem, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

let waybill: TestWaybill;
let db: Kysely<AccessDatabase>;

beforeAll(async () => {
  waybill = await startTestWaybill();
  db = createDatabase<unknown>({ url: waybill.env.databaseUrl, logger: createTestLogger(), max: 2 }).withSchema(
    accessSchema,
  ) as unknown as Kysely<AccessDatabase>;
  const admin = await waybill.as("admin");
  await stockedItem(admin, "acme", "MUG", 50);
  await stockedItem(admin, "globex", "CUP", 50);
});
afterAll(async () => {
  await db?.destroy();
  await waybill?.stop();
});

/** `ApiKeyService` with a bearer credential (a token or a key), over Connect or gRPC. */
function keysClient(credential: string, protocol?: NodeWaybillOptions["protocol"]): Client<typeof ApiKeyService> {
  const transport = createWaybillTransport({
    baseUrl: waybill.url,
    token: credential,
    retry: false,
    ...(protocol ? { protocol } : {}),
  });
  return createClient(ApiKeyService, transport);
}

/** The SDK's clients calling with an API key instead of a token. */
function withKey(secret: string, protocol?: NodeWaybillOptions["protocol"]) {
  return createWaybill({ baseUrl: waybill.url, token: secret, retry: false, ...(protocol ? { protocol } : {}) });
}

/** Issues a key of `brandId` as that brand. */
async function issue(brandId: string, name: string, role = Role.UNSPECIFIED) {
  const brand = keysClient(await waybill.token("brand", brandId));
  return brand.issueApiKey({ brandId, name, role });
}

const newCustomer = (name: string, key: string) => ({
  name,
  email: `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.com`,
  idempotencyKey: key,
});

describe("a brand's partner key", () => {
  it("is issued once with its secret and lets the partner check out customers of its brand", async () => {
    const issued = await issue("acme", "Shopfront production");
    expect(issued.secret).toMatch(/^wbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(issued.apiKey).toMatchObject({ brandId: "acme", name: "Shopfront production", role: Role.PARTNER });
    expect(issued.apiKey?.keyId).toBe(issued.secret.slice(4, 20));
    expect(issued.apiKey?.createdBy).toBe("brand-test");
    expect(issued.apiKey?.expireTime).toBeUndefined();

    const partner = withKey(issued.secret);
    const customerId = (await partner.orders.createCustomer(newCustomer("Ada", "key-ada"))).customer?.customerId ?? "";
    expect((await partner.orders.getCustomer({ customerId })).customer?.name).toBe("Ada");
    const placed = await partner.orders.placeOrder(orderRequest(customerId, "acme", [["MUG", 1]], "key-ada-1"));
    expect(placed.order).toMatchObject({ brandId: "acme", customerId, status: OrderStatus.PLACED });
    const items = await partner.inventory.listItems({ brandId: "acme" });
    expect(items.items.map((item) => item.sku)).toContain("MUG");
  });

  it("is listed without its secret, with the time it was last used", async () => {
    const issued = await issue("acme", "Listed");
    await withKey(issued.secret).inventory.listItems({ brandId: "acme" });
    const brand = keysClient(await waybill.token("brand", "acme"));
    const listed = (await brand.listApiKeys({ brandId: "acme" })).apiKeys.find(
      (key) => key.keyId === issued.apiKey?.keyId,
    );
    expect(listed).toMatchObject({ name: "Listed", role: Role.PARTNER, brandId: "acme" });
    expect(listed?.lastUsedTime).toBeDefined();
    expect(JSON.stringify(listed, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      issued.secret.slice(21),
    );
  });

  it("is stored only as a hash of its secret", async () => {
    const issued = await issue("acme", "Hashed");
    const keyId = issued.apiKey?.keyId ?? "";
    const secret = issued.secret.slice(21);
    const row = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(`${accessSchema}.api_keys`)} where key_id = ${keyId}`
      .execute(db)
      .then((result) => result.rows[0] ?? {});
    expect(Object.keys(row).sort()).toEqual([
      "brand_id",
      "created_at",
      "created_by",
      "expires_at",
      "key_id",
      "last_used_at",
      "name",
      "revoked_at",
      "role",
      "secret_sha256",
    ]);
    const text = Object.values(row).map((value) =>
      Buffer.isBuffer(value) ? value.toString("base64url") : String(value),
    );
    expect(text.some((value) => value.includes(secret))).toBe(false);
    expect(Buffer.from(row.secret_sha256 as Buffer).equals(hashApiKeySecret(secret))).toBe(true);
  });

  it("is refused at once after its revocation, which a retry repeats unchanged", async () => {
    const issued = await issue("acme", "Revoked soon");
    const partner = withKey(issued.secret);
    await partner.inventory.listItems({ brandId: "acme" });
    const brand = keysClient(await waybill.token("brand", "acme"));
    const revoked = await brand.revokeApiKey({ keyId: issued.apiKey?.keyId ?? "" });
    expect(revoked.apiKey?.revokeTime).toBeDefined();
    const refusal = await errorOf(partner.inventory.listItems({ brandId: "acme" }));
    expect(refusal.code).toBe(Code.Unauthenticated);
    expect(refusal.rawMessage).toContain("revoked");
    const again = await brand.revokeApiKey({ keyId: issued.apiKey?.keyId ?? "" });
    expect(again.apiKey?.revokeTime).toEqual(revoked.apiKey?.revokeTime);
    const active = await brand.listApiKeys({ brandId: "acme" });
    expect(active.apiKeys.map((key) => key.keyId)).not.toContain(issued.apiKey?.keyId);
    const all = await brand.listApiKeys({ brandId: "acme", includeRevoked: true });
    expect(all.apiKeys.map((key) => key.keyId)).toContain(issued.apiKey?.keyId);
  });

  it("is refused by another replica within the 5 s its cache keeps a valid key", async () => {
    const replica = await startTestWaybill({ sharing: waybill.env, definitions: [inventoryService] });
    try {
      const issued = await issue("acme", "Two replicas");
      const elsewhere = createWaybill({ baseUrl: replica.url, token: issued.secret, retry: false });
      await elsewhere.inventory.listItems({ brandId: "acme" }); // now cached there
      const brand = keysClient(await waybill.token("brand", "acme"));
      await brand.revokeApiKey({ keyId: issued.apiKey?.keyId ?? "" });
      const revokedAt = Date.now();
      const refused = await waitFor(
        () => errorOf(elsewhere.inventory.listItems({ brandId: "acme" })).catch(() => undefined),
        (error) => error?.code === Code.Unauthenticated,
        10_000,
      );
      expect(refused?.code).toBe(Code.Unauthenticated);
      expect(Date.now() - revokedAt).toBeLessThan(5_000 + 1_000);
    } finally {
      await replica.stop();
    }
  });

  it("works over gRPC too, issued and used there", async () => {
    const brand = keysClient(await waybill.token("brand", "acme"), "grpc");
    const issued = await brand.issueApiKey({ brandId: "acme", name: "gRPC" });
    const partner = withKey(issued.secret, "grpc");
    expect((await partner.inventory.listItems({ brandId: "acme" })).items.length).toBeGreaterThan(0);
    const forged = withKey(`${issued.secret.slice(0, -1)}${issued.secret.endsWith("A") ? "B" : "A"}`, "grpc");
    expect((await errorOf(forged.inventory.listItems({ brandId: "acme" }))).code).toBe(Code.Unauthenticated);
  });
});

describe("keys and tenancy", () => {
  it("keeps a key of brand globex out of acme's data", async () => {
    const acmePartner = withKey((await issue("acme", "Acme")).secret);
    const customerId =
      (await acmePartner.orders.createCustomer(newCustomer("Bea", "key-bea"))).customer?.customerId ?? "";
    const globex = withKey((await issue("globex", "Globex")).secret);
    expect((await errorOf(globex.orders.getCustomer({ customerId }))).code).toBe(Code.NotFound);
    expect((await errorOf(globex.orders.listOrders({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    expect((await errorOf(globex.inventory.listItems({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    const order = orderRequest(customerId, "acme", [["MUG", 1]], "globex-for-acme");
    expect((await errorOf(globex.orders.placeOrder(order))).code).toBe(Code.PermissionDenied);
  });

  it("lets brand globex neither list nor revoke acme's keys, nor issue keys for acme", async () => {
    const acmeKey = await issue("acme", "Not globex's");
    const globex = keysClient(await waybill.token("brand", "globex"));
    expect((await errorOf(globex.listApiKeys({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    const own = await globex.listApiKeys({});
    expect(own.apiKeys.every((key) => key.brandId === "globex")).toBe(true);
    const foreign = await errorOf(globex.revokeApiKey({ keyId: acmeKey.apiKey?.keyId ?? "" }));
    const unknown = await errorOf(globex.revokeApiKey({ keyId: "0000000000000000" }));
    expect(foreign.code).toBe(Code.NotFound);
    expect(foreign.rawMessage.replace(acmeKey.apiKey?.keyId ?? "", "<id>")).toBe(
      unknown.rawMessage.replace("0000000000000000", "<id>"),
    );
    expect((await errorOf(globex.issueApiKey({ brandId: "acme", name: "Sneaky" }))).code).toBe(Code.PermissionDenied);
    // acme's key still works.
    await withKey(acmeKey.secret).inventory.listItems({ brandId: "acme" });
  });

  it("lets an admin manage any brand's keys, and nobody else", async () => {
    const admin = keysClient(await waybill.token("admin"));
    await issue("acme", "Acme's own");
    const issued = await admin.issueApiKey({ brandId: "globex", name: "By ops", role: Role.BRAND });
    expect(issued.apiKey).toMatchObject({ brandId: "globex", role: Role.BRAND, createdBy: "admin-test" });
    const everyBrand = await admin.listApiKeys({ page: { pageSize: 500 } });
    expect(everyBrand.apiKeys.map((key) => key.brandId)).toEqual(expect.arrayContaining(["acme", "globex"]));
    for (const [role, brand] of [
      ["partner", "acme"],
      ["customer", undefined],
      ["courier", undefined],
    ] as const) {
      const client = keysClient(await waybill.token(role, brand));
      expect((await errorOf(client.issueApiKey({ brandId: "acme", name: "No" }))).code).toBe(Code.PermissionDenied);
      expect((await errorOf(client.listApiKeys({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    }
  });

  it("does not let a key manage keys, not even a brand key", async () => {
    const partnerKey = keysClient((await issue("acme", "Partner")).secret);
    expect((await errorOf(partnerKey.issueApiKey({ brandId: "acme", name: "Child" }))).code).toBe(
      Code.PermissionDenied,
    );
    const brandKey = keysClient((await issue("acme", "Brand automation", Role.BRAND)).secret);
    const refusal = await errorOf(brandKey.issueApiKey({ brandId: "acme", name: "Child" }));
    expect(refusal.code).toBe(Code.PermissionDenied);
    expect(refusal.rawMessage).toContain("API key");
    expect((await errorOf(brandKey.listApiKeys({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
  });
});

describe("credentials that are not valid", () => {
  it("refuses an expired key, and a key issued to expire once its time has come", async () => {
    const credential = newApiKeyCredential();
    const past = new Date(Date.now() - 60_000);
    await db
      .insertInto("api_keys")
      .values({
        key_id: credential.keyId,
        secret_sha256: hashApiKeySecret(credential.secret),
        brand_id: "acme",
        name: "Expired",
        role: "partner",
        created_by: "test",
        created_at: new Date(past.getTime() - 60_000),
        expires_at: past,
      })
      .execute();
    const expired = await errorOf(withKey(formatApiKeyCredential(credential)).inventory.listItems({ brandId: "acme" }));
    expect(expired).toMatchObject({ code: Code.Unauthenticated });
    expect(expired.rawMessage).toContain("expired");

    const brand = keysClient(await waybill.token("brand", "acme"));
    const expireAt = new Date(Date.now() + 1_500);
    const issued = await brand.issueApiKey({ brandId: "acme", name: "Short", expireTime: timestampFromDate(expireAt) });
    const partner = withKey(issued.secret);
    await partner.inventory.listItems({ brandId: "acme" });
    const refused = await waitFor(
      () => errorOf(partner.inventory.listItems({ brandId: "acme" })).catch(() => undefined),
      (error) => error?.code === Code.Unauthenticated,
    );
    expect(refused?.rawMessage).toContain("expired");
    expect(Date.now()).toBeGreaterThanOrEqual(expireAt.getTime());
  });

  it("refuses expiries in the past or more than 366 days ahead", async () => {
    const brand = keysClient(await waybill.token("brand", "acme"));
    for (const at of [Date.now() - 1_000, Date.now() + 400 * 86_400_000]) {
      const error = await errorOf(
        brand.issueApiKey({ brandId: "acme", name: "Bad", expireTime: timestampFromDate(new Date(at)) }),
      );
      expect(error.code).toBe(Code.InvalidArgument);
    }
  });

  it.each([
    ["malformed", "wbk_nothex_secret"],
    ["unknown", formatApiKeyCredential(newApiKeyCredential())],
    ["a bare prefix", "wbk_"],
  ])("refuses a %s key, over Connect and gRPC", async (_, credential) => {
    for (const protocol of ["connect", "grpc"] as const) {
      const error = await errorOf(withKey(credential, protocol).inventory.listItems({ brandId: "acme" }));
      expect(error.code).toBe(Code.Unauthenticated);
      expect(error.rawMessage).toMatch(/API key/);
    }
  });

  it("answers a wrong secret of a real key like an unknown key", async () => {
    const issued = await issue("acme", "Guessed");
    const wrong = `${issued.secret.slice(0, 21)}${"A".repeat(43)}`;
    const unknown = formatApiKeyCredential(newApiKeyCredential());
    const guessed = await errorOf(withKey(wrong).inventory.listItems({ brandId: "acme" }));
    const missing = await errorOf(withKey(unknown).inventory.listItems({ brandId: "acme" }));
    expect(guessed.code).toBe(Code.Unauthenticated);
    expect(guessed.rawMessage).toBe(missing.rawMessage);
  });
});
