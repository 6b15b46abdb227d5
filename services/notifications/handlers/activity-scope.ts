import { type Principal, scopeBrand } from "../../kit/auth/index.js";
import { permissionDenied } from "../../kit/errors/index.js";
import type { ActivityScope } from "../domain/index.js";

/** The feed fields of ListActivity and WatchActivity requests. */
export interface ActivityRequest {
  readonly brandId: string;
  readonly customerId: string;
  readonly orderId: string;
}

/**
 * The feed a caller may read: a customer their own (their id, whatever else they narrow it by); a
 * brand or partner their brand's; an operator any, the whole platform's when nothing is named.
 * A request for someone else's feed is refused, never answered with an empty one.
 */
export function scopeActivity(principal: Principal, request: ActivityRequest): ActivityScope {
  const narrowing = { ...(request.orderId ? { orderId: request.orderId } : {}) };
  if (principal.role === "customer") {
    if (request.customerId && request.customerId !== principal.subject)
      throw permissionDenied("a customer may only read their own activity");
    return { ...narrowing, customerId: principal.subject, ...(request.brandId ? { brandId: request.brandId } : {}) };
  }
  const brandId = scopeBrand(principal, request.brandId);
  return {
    ...narrowing,
    ...(brandId ? { brandId } : {}),
    ...(request.customerId ? { customerId: request.customerId } : {}),
  };
}
