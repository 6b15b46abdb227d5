import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import type { Principal, RoleName } from "../auth/index.js";

/** The fields of a sign-in request the rules read (`waybill.access.v1.SignInRequest`). */
export interface SignInFields {
  readonly role: Role;
  readonly brandId: string;
  readonly customerId: string;
  readonly courierId: string;
  /** Asked lifetime in seconds; 0 for the default. */
  readonly ttlSeconds: number;
}

/** A field the request got wrong for its role, named as in the contract. */
export interface SignInFieldError {
  readonly field: "role" | "brand_id" | "customer_id" | "courier_id" | "ttl_seconds";
  readonly message: string;
}

/** The roles a development token may have: every one but `service`, which only services use. */
const signInRoles: Readonly<Partial<Record<Role, Exclude<RoleName, "service">>>> = {
  [Role.ADMIN]: "admin",
  [Role.BRAND]: "brand",
  [Role.PARTNER]: "partner",
  [Role.CUSTOMER]: "customer",
  [Role.COURIER]: "courier",
};

/** Which of the role-dependent fields each role needs; the others must stay empty. */
const neededField: Readonly<Record<Exclude<RoleName, "service">, SignInFieldError["field"] | undefined>> = {
  admin: undefined,
  brand: "brand_id",
  partner: "brand_id",
  customer: "customer_id",
  courier: "courier_id",
};

/**
 * The principal a development sign-in asks for, or what is wrong with the request: the id the
 * role needs is required (a brand or partner's brand, a customer's or courier's own id, which
 * becomes the subject), and ids the role does not use are refused rather than silently dropped.
 * Admins, brands and partners get the subject `dev-<role>`. A lifetime over
 * `maxLifetimeSeconds` (TOKEN_MAX_LIFETIME_SECONDS) is refused too.
 */
export function signInPrincipal(fields: SignInFields, maxLifetimeSeconds: number): Principal | SignInFieldError[] {
  const role = signInRoles[fields.role];
  if (role === undefined) {
    return [{ field: "role", message: "must be ROLE_ADMIN, ROLE_BRAND, ROLE_PARTNER, ROLE_CUSTOMER or ROLE_COURIER" }];
  }
  const values = { brand_id: fields.brandId, customer_id: fields.customerId, courier_id: fields.courierId };
  const needed = neededField[role];
  const errors: SignInFieldError[] = [];
  for (const [field, value] of Object.entries(values) as [keyof typeof values, string][]) {
    if (field === needed && value === "") errors.push({ field, message: `is required for role ${role}` });
    if (field !== needed && value !== "") errors.push({ field, message: `must be empty for role ${role}` });
  }
  if (fields.ttlSeconds > maxLifetimeSeconds) {
    errors.push({
      field: "ttl_seconds",
      message: `must be at most ${maxLifetimeSeconds} (TOKEN_MAX_LIFETIME_SECONDS)`,
    });
  }
  if (errors.length > 0) return errors;
  // One subject per brand: per-caller limits (streams, rate) and ledger actors tell brands apart.
  if (role === "brand" || role === "partner") {
    return { subject: `dev-${role}-${fields.brandId}`, role, brandId: fields.brandId };
  }
  if (role === "customer") return { subject: fields.customerId, role };
  if (role === "courier") return { subject: fields.courierId, role };
  return { subject: `dev-${role}`, role };
}
