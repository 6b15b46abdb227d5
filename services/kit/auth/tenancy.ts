import type { HandlerContext } from "@connectrpc/connect";
import { permissionDenied } from "../errors/index.js";
import { type Principal, principalKey } from "./principal.js";

/** Returns the caller of the current RPC; throws when the auth interceptor did not run. */
export function requirePrincipal(context: HandlerContext): Principal {
  const principal = context.values.get(principalKey);
  if (!principal) throw new Error("no principal in context: is the auth interceptor installed?");
  return principal;
}

/** True for principals that act across tenants. */
export function isOperator(principal: Principal): boolean {
  return principal.role === "admin" || principal.role === "service";
}

/**
 * Whether `principal` may act for `brandId`: operators for every brand, a brand or partner for its
 * own. For a stored object found by its id, answer `false` exactly like a missing object (NOT_FOUND
 * with the same message), so that the answer never tells whether another brand's id exists.
 *
 * @example
 * if (!row || !mayActForBrand(principal, row.brand_id)) throw notFound(`webhook ${id} does not exist`);
 */
export function mayActForBrand(principal: Principal, brandId: string): boolean {
  if (isOperator(principal)) return true;
  return (principal.role === "brand" || principal.role === "partner") && principal.brandId === brandId;
}

/**
 * Refuses a request of a brand or partner that names another brand. Crossing tenants is an
 * error, never an empty answer. Only for a brand the request names (the refusal says nothing about
 * any stored id); the brand of a row found by id is checked with {@link mayActForBrand}.
 *
 * @example
 * assertBrandAccess(principal, request.brandId);
 */
export function assertBrandAccess(principal: Principal, brandId: string): void {
  if (mayActForBrand(principal, brandId)) return;
  throw permissionDenied(
    `a ${principal.role} of brand ${principal.brandId ?? "none"} may not act for brand ${brandId}`,
  );
}

/**
 * The brand a list request is scoped to: the requested one (checked), the caller's own brand when
 * none is named, or every brand (`undefined`) for operators.
 */
export function scopeBrand(principal: Principal, requested: string): string | undefined {
  if (requested) {
    assertBrandAccess(principal, requested);
    return requested;
  }
  if (isOperator(principal)) return undefined;
  if (principal.brandId) return principal.brandId;
  throw permissionDenied(`a ${principal.role} must name a brand`);
}
