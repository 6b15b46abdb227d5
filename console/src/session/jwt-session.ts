import { isRoleName, type Session } from "./session.js";

/** Why a pasted credential cannot be used, in words for the person who pasted it. */
export class CredentialError extends Error {}

/**
 * Reads a Waybill JWT's claims (`role`, `brand`, `sub`, `exp`) into a session. The signature is not
 * checked here: the browser has no secret, the server checks every call; the claims only pick the
 * navigation.
 */
export function sessionFromJwt(token: string, now: number = Date.now()): Session {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || !parts[1]) throw new CredentialError("This is neither a token (a JWT) nor an API key.");
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    throw new CredentialError("The token's payload cannot be read.");
  }
  const { role, brand, sub, exp } = claims;
  if (!isRoleName(role)) throw new CredentialError("The token names no Waybill role.");
  if ((role === "brand" || role === "partner") && typeof brand !== "string") {
    throw new CredentialError(`A ${role} token must name its brand.`);
  }
  const expiresAt = typeof exp === "number" ? exp * 1000 : undefined;
  if (expiresAt !== undefined && expiresAt <= now) throw new CredentialError("The token has expired.");
  return {
    token: token.trim(),
    role,
    brandId: typeof brand === "string" ? brand : "",
    subject: typeof sub === "string" ? sub : "",
    expiresAt,
  };
}

/** Base64url (no padding) to text, UTF-8 aware. */
function decodeBase64Url(part: string): string {
  const base64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
