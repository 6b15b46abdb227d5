import type { Principal } from "../../kit/auth/index.js";
import { type DomainError, notFound, permissionDenied } from "../../kit/errors/index.js";
import { customerIdOf } from "./order-access.js";

/*
 * Customers of a brand. Customers are platform-wide (one person may order from many brands), so a
 * partner — an integration acting for one brand — reaches a customer only through a link between
 * the customer and its brand: the brand's partners created the customer (`created_by_brand`), or
 * the customer has an order of the brand. Through that link a partner reads the customer and
 * places orders for them, the first order of a customer its brand created included. Any other
 * customer is answered exactly like a missing one. The link is checked in SQL, in the statement
 * that reads the customer (`storage/customer-of-brand.ts`).
 */

/**
 * The brand a caller's customers are confined to (reads and orders): a partner's brand; other
 * roles are not confined here (customers act for themselves, operators and services for anyone).
 */
export function customerBrandScope(principal: Principal): string | undefined {
  return principal.role === "partner" ? (principal.brandId ?? "") : undefined;
}

/** The brand a new customer is recorded as created by: a partner's brand; none for other roles. */
export function customerCreatorBrand(principal: Principal): string | null {
  return principal.role === "partner" ? (principal.brandId ?? "") : null;
}

/**
 * The id of a customer that `principal` creates: a customer's own (their token's subject), a new
 * one from `generate` when none is asked for. A partner may not choose it: naming an id would let
 * it learn, from ALREADY_EXISTS, that another brand's customer has that id.
 */
export function newCustomerId(principal: Principal, requestedId: string, generate: () => string): string {
  if (principal.role === "customer") {
    if (requestedId && requestedId !== principal.subject) {
      throw permissionDenied("a customer may create only their own profile");
    }
    return customerIdOf(principal);
  }
  if (principal.role === "partner" && requestedId) {
    throw permissionDenied("a partner may not choose a customer's id - leave customer_id empty and one is chosen");
  }
  return requestedId || generate();
}

/** The answer for a customer id that names no customer, and for a customer outside the caller's brand. */
export function customerNotFound(customerId: string): DomainError {
  return notFound(`customer ${customerId} does not exist`);
}
