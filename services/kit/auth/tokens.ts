import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { type Principal, type RoleName, roleNames } from "./principal.js";
import { defaultTokenMaxLifetimeSeconds, lifetimeExcess } from "./token-lifetime.js";

const issuer = "waybill";
const algorithm = "HS256";

/** Signs and verifies Waybill bearer tokens (HS256 JWTs carrying role and tenant). */
export interface TokenIssuer {
  /**
   * Signs a token for the principal, valid for `ttlSeconds` (default one day); throws a
   * `RangeError` for a lifetime longer than the issuer accepts.
   */
  sign(principal: Principal, ttlSeconds?: number): Promise<string>;
  /** Verifies a token and returns its principal; throws {@link InvalidTokenError} when it is not valid. */
  verify(token: string): Promise<Principal>;
}

/** A bearer token that is malformed, expired, without expiry, too long-lived, or signed with another secret. */
export class InvalidTokenError extends Error {
  override readonly name = "InvalidTokenError";
}

/** Options of {@link createTokenIssuer}. */
export interface TokenIssuerOptions {
  /** Longest lifetime (exp − iat) accepted and signed (`TOKEN_MAX_LIFETIME_SECONDS`; default 30 days). */
  readonly maxLifetimeSeconds?: number;
}

/**
 * Creates a {@link TokenIssuer} for a shared secret. It refuses tokens without `exp` and tokens
 * living longer than `maxLifetimeSeconds`, so a leaked token cannot be used forever.
 *
 * @example
 * const tokens = createTokenIssuer(config.authSecret, { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds });
 * const token = await tokens.sign({ subject: "ops", role: "admin" });
 */
export function createTokenIssuer(secret: string, options: TokenIssuerOptions = {}): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  const maxLifetimeSeconds = options.maxLifetimeSeconds ?? defaultTokenMaxLifetimeSeconds;
  // Services and SDK clients send the same token on every call: verify it once, until it expires.
  const verified = new Map<string, { readonly principal: Principal; readonly expiresAt: number }>();
  const maxCached = 10_000;
  return {
    async sign(principal, ttlSeconds = Math.min(86_400, maxLifetimeSeconds)) {
      if (ttlSeconds > maxLifetimeSeconds) {
        throw new RangeError(`a token may live at most ${maxLifetimeSeconds} s, not ${ttlSeconds} s`);
      }
      const claims: Record<string, string> = { role: principal.role };
      if (principal.brandId) claims.brand = principal.brandId;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: algorithm })
        .setIssuer(issuer)
        .setSubject(principal.subject)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      const cached = verified.get(token);
      if (cached && cached.expiresAt > Date.now()) return cached.principal;
      verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, { issuer, algorithms: [algorithm], requiredClaims: ["exp"] });
        const exp = payload.exp as number; // required above; jose checked that it is a number, not past
        const excess = lifetimeExcess({ exp, iat: payload.iat }, Date.now() / 1000, maxLifetimeSeconds);
        if (excess !== undefined) throw new InvalidTokenError(excess);
        const role = payload.role;
        const brand = payload.brand;
        if (typeof role !== "string" || !(roleNames as readonly string[]).includes(role)) {
          throw new InvalidTokenError("token has no valid role claim");
        }
        if ((role === "brand" || role === "partner") && typeof brand !== "string") {
          throw new InvalidTokenError(`a ${role} token must carry a brand claim`);
        }
        const principal: Principal = {
          subject: payload.sub ?? "",
          role: role as RoleName,
          ...(typeof brand === "string" ? { brandId: brand } : {}),
        };
        if (verified.size >= maxCached) verified.clear();
        verified.set(token, { principal, expiresAt: exp * 1000 });
        return principal;
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError("token has expired");
        if (
          error instanceof joseErrors.JWTClaimValidationFailed &&
          error.claim === "exp" &&
          error.reason === "missing"
        ) {
          throw new InvalidTokenError(
            `token has no expiry (exp claim) - sign tokens that expire within ${maxLifetimeSeconds} s`,
          );
        }
        throw new InvalidTokenError("token is not valid for this server");
      }
    },
  };
}
