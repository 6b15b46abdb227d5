// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { CredentialError, sessionFromJwt } from "./jwt-session.js";
import { homeOf, navigationFor } from "./navigation.js";
import { loadSession, saveSession } from "./session-storage.js";

/** An unsigned token with these claims: the console never checks signatures. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

const now = Date.UTC(2026, 0, 1);

describe("sessionFromJwt", () => {
  it("reads role, brand, subject and expiry from the claims", () => {
    const token = jwt({ role: "brand", brand: "acme", sub: "dev-brand", exp: now / 1000 + 3600 });
    expect(sessionFromJwt(token, now)).toEqual({
      token,
      role: "brand",
      brandId: "acme",
      subject: "dev-brand",
      expiresAt: now + 3_600_000,
    });
  });

  it("reads a customer's id from the subject, UTF-8 included", () => {
    const session = sessionFromJwt(jwt({ role: "customer", sub: "zoë-7" }), now);
    expect(session).toMatchObject({ role: "customer", brandId: "", subject: "zoë-7", expiresAt: undefined });
  });

  it("refuses what is not a usable Waybill token", () => {
    expect(() => sessionFromJwt("not a token", now)).toThrow(CredentialError);
    expect(() => sessionFromJwt("a.%%%.c", now)).toThrow("cannot be read");
    expect(() => sessionFromJwt(jwt({ role: "root" }), now)).toThrow("no Waybill role");
    expect(() => sessionFromJwt(jwt({ role: "partner" }), now)).toThrow("must name its brand");
    expect(() => sessionFromJwt(jwt({ role: "admin", exp: now / 1000 - 1 }), now)).toThrow("expired");
  });
});

describe("session storage", () => {
  it("keeps a session for the tab and forgets it on sign-out or expiry", () => {
    const session = { token: "t", role: "admin" as const, brandId: "", subject: "ops", expiresAt: now + 1000 };
    saveSession(session, sessionStorage);
    expect(loadSession(sessionStorage, now)).toEqual(session);
    expect(loadSession(sessionStorage, now + 1000)).toBeUndefined();
    saveSession(undefined, sessionStorage);
    expect(loadSession(sessionStorage, now)).toBeUndefined();
  });
});

describe("navigation", () => {
  it("gives each role its own pages", () => {
    expect(navigationFor("brand").map((entry) => entry.label)).toContain("Items");
    expect(navigationFor("admin").map((entry) => entry.label)).toEqual(expect.arrayContaining(["Items", "Fleet"]));
    expect(navigationFor("brand").map((entry) => entry.label)).not.toContain("Fleet");
    expect(homeOf("courier")).toBe("/assignments");
    expect(homeOf("customer")).toBe("/my-orders");
  });
});
