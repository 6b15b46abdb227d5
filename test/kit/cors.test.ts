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
// CORS_ALLOWED_HEADERS adds request headers to Connect's, Authorization and trace context.
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
    spawnWaybill(env, {
      ...production,
      CORS_ALLOWED_ORIGINS: `${listed},http://localhost:5173`,
      CORS_ALLOWED_HEADERS: " X-Partner-Ref , x-checkout-step",
    }),
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

/** A browser's preflight for a Connect call from `origin`, asking for `requestHeaders`. */
function preflight(
  waybill: WaybillProcess,
  origin: string,
  requestHeaders = "authorization,content-type,connect-protocol-version",
): Promise<Response> {
  return fetch(new URL(method, waybill.url), {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": requestHeaders,
    },
  });
}

/** The header names of a comma-separated CORS header, in lower case. */
function namesOf(response: Response, header: string): string[] {
  return (response.headers.get(header) ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
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

describe("CORS request and response headers", () => {
  const traced = "authorization,content-type,connect-protocol-version,traceparent,tracestate,baggage,x-partner-ref";

  it("allows trace context and the headers of CORS_ALLOWED_HEADERS on the preflight", async () => {
    const response = await preflight(listing, listed, traced);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe(listed);
    // A browser sends the call only if every header it asked for is allowed.
    expect(namesOf(response, "access-control-allow-headers")).toEqual(expect.arrayContaining(traced.split(",")));
    expect(namesOf(response, "access-control-allow-headers")).toContain("x-checkout-step");
  });

  it("allows trace context without the setting, but no header it does not list", async () => {
    const response = await preflight(development, "http://localhost:5173", traced);
    const allowed = namesOf(response, "access-control-allow-headers");
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "traceparent", "tracestate", "baggage"]));
    expect(allowed).not.toContain("x-partner-ref");
  });

  it("answers a call carrying those headers, exposing gRPC-Web's status headers and retry-after", async () => {
    const response = await fetch(new URL(method, listing.url), {
      method: "POST",
      headers: {
        Origin: listed,
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        "Connect-Protocol-Version": "1",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "X-Partner-Ref": "checkout-7",
      },
      body: JSON.stringify({ brandId: "acme", sku: "CORS-1" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(listed);
    expect(namesOf(response, "access-control-expose-headers")).toEqual(
      expect.arrayContaining(["grpc-status", "grpc-message", "grpc-status-details-bin", "retry-after"]),
    );
  });

  it("refuses a CORS_ALLOWED_HEADERS that is not a list of header names, naming the variable", async () => {
    for (const value of ["x-partner-ref,bad header", "*"]) {
      await expect(spawnWaybill(env, { SERVICES: "inventory", CORS_ALLOWED_HEADERS: value })).rejects.toThrow(
        /CORS_ALLOWED_HEADERS.*is not a header name/,
      );
    }
  });
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
