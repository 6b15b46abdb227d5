import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createTokenIssuer, InvalidTokenError } from "./tokens.js";

const secret = "a-secret-that-is-long-enough-for-hs256-use";

describe("token issuer", () => {
  const tokens = createTokenIssuer(secret);

  it("round-trips role, brand and subject", async () => {
    const token = await tokens.sign({ subject: "key-1", role: "partner", brandId: "acme" });
    expect(await tokens.verify(token)).toEqual({ subject: "key-1", role: "partner", brandId: "acme" });
  });

  it("refuses a token signed with another secret", async () => {
    const other = await createTokenIssuer(`${secret}-other`).sign({ subject: "x", role: "admin" });
    await expect(tokens.verify(other)).rejects.toThrow(InvalidTokenError);
  });

  it("refuses an expired token with a message saying so", async () => {
    const expired = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("waybill")
      .setSubject("x")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(tokens.verify(expired)).rejects.toThrow("token has expired");
  });

  it("refuses unknown roles and brand tokens without a brand", async () => {
    const sign = (claims: Record<string, string>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("waybill")
        .setSubject("x")
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(secret));
    await expect(tokens.verify(await sign({ role: "root" }))).rejects.toThrow("no valid role");
    await expect(tokens.verify(await sign({ role: "brand" }))).rejects.toThrow("brand claim");
  });

  it("refuses tokens without exp or living longer than the maximum, and will not sign them", async () => {
    const short = createTokenIssuer(secret, { maxLifetimeSeconds: 3_600 });
    const sign = (expire: (jwt: SignJWT) => SignJWT) =>
      expire(
        new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setIssuer("waybill").setSubject("x"),
      ).sign(new TextEncoder().encode(secret));
    await expect(short.verify(await sign((jwt) => jwt.setIssuedAt()))).rejects.toThrow("token has no expiry");
    await expect(short.verify(await sign((jwt) => jwt.setIssuedAt().setExpirationTime("2h")))).rejects.toThrow(
      "longer than the 3600 s",
    );
    await expect(short.verify(await sign((jwt) => jwt.setExpirationTime("2h")))).rejects.toThrow("longer than");
    // An iat in the future does not stretch the allowance.
    const future = Math.floor(Date.now() / 1000) + 86_400;
    await expect(
      short.verify(await sign((jwt) => jwt.setIssuedAt(future).setExpirationTime(future + 60))),
    ).rejects.toThrow("longer than");
    expect(await short.verify(await sign((jwt) => jwt.setExpirationTime("30m")))).toMatchObject({ role: "admin" });
    await expect(short.sign({ subject: "x", role: "admin" }, 7_200)).rejects.toThrow(RangeError);
  });

  it("answers a repeated token from its cache, still refusing it once expired", async () => {
    const shortLived = await tokens.sign({ subject: "svc", role: "service" }, 1);
    expect(await tokens.verify(shortLived)).toEqual({ subject: "svc", role: "service" });
    expect(await tokens.verify(shortLived)).toEqual({ subject: "svc", role: "service" });
    await new Promise((r) => setTimeout(r, 2_100));
    await expect(tokens.verify(shortLived)).rejects.toThrow("token has expired");
  });
});
