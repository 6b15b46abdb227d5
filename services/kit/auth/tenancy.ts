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
 * Refuses a request of a brand or partner that names another brand. Crossing tenants is an
 * error, never an empty answer.
 *
 * @example
 * assertBrandAccess(principal, request.brandId);
 */
export function assertBrandAccess(principal: Principal, brandId: string): void {
  if (isOperator(principal)) return;
  if ((principal.role === "brand" || principal.role === "partner") && principal.brandId === brandId) return;
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
