import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
} from "../support/index.js";

// CORS_ALLOWED_ORIGINS against real processes: production opens only the listed origins, never
// `null` unless listed, and nothing when unset; development reflects any origin for the console.
const secret = "cors-test-secret-9fK2mQ7xLp4vRt8wZb3n";
const method = "/waybill.inventory.v1.InventoryService/GetItem";
const listed = "https://console.example";

let env: IsolatedEnvironment;
let listing: WaybillProcess;
let unset: WaybillProcess;
let development: WaybillProcess;
let token: string;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  const production = { SERVICES: "inventory", NODE_ENV: "production", AUTH_SECRET: secret };
  [listing, unset, development] = await Promise.all([
    spawnWaybill(env, { ...production, CORS_ALLOWED_ORIGINS: `${listed},http://localhost:5173` }),
    // The variable's old name is set: it must be ignored, and said so.
    spawnWaybill(env, { ...production, CORS_ORIGINS: "https://old-name.example" }),
    spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret }),
  ]);
  token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
  await stockedItem(createWaybill({ baseUrl: listing.url, token }), "acme", "CORS-1", 1);
}, 60_000);
afterAll(async () => {
  await Promise.all([listing, unset, development].map((waybill) => waybill?.kill("SIGTERM")));
  await env?.cleanup();
});

/** A browser's preflight for a Connect call from `origin`. */
function preflight(waybill: WaybillProcess, origin: string): Promise<Response> {
  return fetch(new URL(method, waybill.url), {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type,connect-protocol-version",
    },
  });
}

/** A Connect call (GetItem of an item that exists) as a browser sends it from `origin`. */
function call(waybill: WaybillProcess, origin: string): Promise<Response> {
  return fetch(new URL(method, waybill.url), {
    method: "POST",
    headers: {
      Origin: origin,
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "Connect-Protocol-Version": "1",
    },
    body: JSON.stringify({ brandId: "acme", sku: "CORS-1" }),
  });
}

describe("CORS in production with CORS_ALLOWED_ORIGINS", () => {
  it("allows a listed origin on the preflight, with the headers Connect needs", async () => {
    const response = await preflight(listing, listed);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe(listed);
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("connect-protocol-version");
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("allows a listed origin on a call, exposing the protocol's response headers", async () => {
    const response = await call(listing, listed);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ item: { sku: "CORS-1" } });
    expect(response.headers.get("access-control-allow-origin")).toBe(listed);
    expect(response.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("grpc-status");
  });

  it.each(["https://evil.example", "http://console.example", "https://console.example:8443", "null"])(
    "gives %s no Access-Control-Allow-Origin, on the preflight or on a call",
    async (origin) => {
      const answer = await preflight(listing, origin);
      expect(answer.status).toBeLessThan(300);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      const response = await call(listing, origin);
      // The server answers (CORS is the browser's to enforce); only the permission is missing.
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    },
  );
});

describe("CORS in production without CORS_ALLOWED_ORIGINS", () => {
  it("allows no origin at all", async () => {
    for (const origin of [listed, "http://localhost:5173", "null"]) {
      expect((await preflight(unset, origin)).headers.get("access-control-allow-origin")).toBeNull();
      expect((await call(unset, origin)).headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("CORS_ORIGINS, the old name", () => {
  it("is not read, and the log says to rename it", async () => {
    expect((await call(unset, "https://old-name.example")).headers.get("access-control-allow-origin")).toBeNull();
    expect(unset.output()).toContain("CORS_ORIGINS is no longer read: rename it CORS_ALLOWED_ORIGINS");
  });
});

describe("CORS in development without CORS_ALLOWED_ORIGINS", () => {
  it("reflects any origin, for the console and local tools", async () => {
    for (const origin of ["http://localhost:5173", "https://anything.example"]) {
      expect((await preflight(development, origin)).headers.get("access-control-allow-origin")).toBe(origin);
      expect((await call(development, origin)).headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("still refuses the null origin, which was not listed", async () => {
    expect((await preflight(development, "null")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await call(development, "null")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
