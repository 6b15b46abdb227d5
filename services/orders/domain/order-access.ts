import { isOperator, type Principal } from "../../kit/auth/index.js";
import { DomainError, notFound, permissionDenied } from "../../kit/errors/index.js";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The customer id a customer principal stands for: its token's subject, which must be a UUID. A
 * token whose subject cannot be a customer id is refused as INVALID_ARGUMENT before it reaches a
 * query on a uuid column (where PostgreSQL would fail it as an internal error).
 */
export function customerIdOf(principal: Principal): string {
  if (!uuidPattern.test(principal.subject)) {
    throw new DomainError("invalid_argument", "the subject of a customer token must be a UUID to be a customer id");
  }
  return principal.subject;
}

/** Who an order belongs to. */
export interface OrderOwner {
  readonly orderId: string;
  readonly brandId: string;
  readonly customerId: string;
}

/**
 * Tenancy of orders: admins and services see every order, a brand or partner the orders of its
 * brand, a customer their own orders; nobody else any. (Which roles may call an RPC at all is the
 * contract's business, enforced by the auth interceptor.)
 */
export function mayAccessOrder(principal: Principal, order: OrderOwner): boolean {
  if (isOperator(principal)) return true;
  if (principal.role === "brand" || principal.role === "partner") return principal.brandId === order.brandId;
  if (principal.role === "customer") return principal.subject === order.customerId;
  return false;
}

/**
 * The answer for an order id that names no order. Order ids are derived from a caller's scope and
 * idempotency key, so they can be guessed: another tenant's order gets this same answer.
 */
export function orderNotFound(orderId: string): DomainError {
  return notFound(`order ${orderId} does not exist`);
}

/** {@link mayAccessOrder}, refusing another tenant's order exactly like a missing one ({@link orderNotFound}). */
export function assertOrderAccess(principal: Principal, order: OrderOwner): void {
  if (!mayAccessOrder(principal, order)) throw orderNotFound(order.orderId);
}

/**
 * A customer acts only on themselves: refuses a customer principal naming another customer id.
 * Other roles reach this only where the contract lets them act for any customer.
 */
export function assertActsForCustomer(principal: Principal, customerId: string): void {
  if (principal.role === "customer" && principal.subject !== customerId) {
    throw permissionDenied("a customer may act only on their own profile and orders");
  }
}

/** The tenant filters a list of orders is confined to. */
export interface OrderListScope {
  readonly brandId?: string;
  readonly customerId?: string;
}

/**
 * Confines ListOrders to what the caller may see: a customer lists only their own orders (their
 * id when none is named), a brand or partner only its brand's (its own when none is named);
 * admins and services list what they ask for. Naming another tenant is refused, never answered
 * with an empty page.
 */
export function scopeOrderList(principal: Principal, requested: OrderListScope): OrderListScope {
  const brandId = requested.brandId || undefined;
  const customerId = requested.customerId || undefined;
  if (isOperator(principal)) return { ...(brandId ? { brandId } : {}), ...(customerId ? { customerId } : {}) };
  if (principal.role === "customer") {
    if (customerId && customerId !== principal.subject)
      throw permissionDenied("a customer may list only their own orders");
    return { ...(brandId ? { brandId } : {}), customerId: customerIdOf(principal) };
  }
  if (principal.role === "brand" || principal.role === "partner") {
    if (brandId && brandId !== principal.brandId) {
      throw permissionDenied(
        `a ${principal.role} of brand ${principal.brandId ?? "none"} may not list orders of brand ${brandId}`,
      );
    }
    return { brandId: principal.brandId ?? "", ...(customerId ? { customerId } : {}) };
  }
  throw permissionDenied(`a ${principal.role} may not list orders`);
}
