/** The default of `TOKEN_MAX_LIFETIME_SECONDS`: 30 days. */
export const defaultTokenMaxLifetimeSeconds = 30 * 86_400;

/**
 * Why a token's lifetime is too long, or `undefined` when it is acceptable. The lifetime runs
 * from its issue (`iat`), or from now when it has none or claims to be issued in the future,
 * to its expiry: a stolen token must not stay usable for years.
 *
 * @example
 * lifetimeExcess({ exp: now + 100 * 365 * 86_400, iat: now }, now, 2_592_000); // "lives 3153600000 s ..."
 */
export function lifetimeExcess(
  claims: { readonly exp: number; readonly iat?: number | undefined },
  nowSeconds: number,
  maxLifetimeSeconds: number,
): string | undefined {
  const from = Math.min(claims.iat ?? nowSeconds, nowSeconds);
  const lifetime = claims.exp - from;
  if (lifetime <= maxLifetimeSeconds) return undefined;
  return `token lives ${Math.round(lifetime)} s, longer than the ${maxLifetimeSeconds} s this server accepts - sign it with a shorter expiry`;
}
