import { type DescMethod, getOption, hasOption } from "@bufbuild/protobuf";
import { access, Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import type { RoleName } from "./principal.js";

/**
 * Services anyone may call without a token that still draw on the rate limit of the caller's
 * address: the development sign-in, served only while DEV_SIGN_IN_ENABLED (it mints tokens, so
 * it is public by nature, but not free).
 */
export const addressLimitedServices: ReadonlySet<string> = new Set(["waybill.access.v1.DevSignInService"]);

/** Services anyone may call without a token (probes must work before credentials exist). */
const publicServices = new Set(["grpc.health.v1.Health", ...addressLimitedServices]);

const roleByEnum: Readonly<Record<number, RoleName>> = {
  [Role.ADMIN]: "admin",
  [Role.BRAND]: "brand",
  [Role.CUSTOMER]: "customer",
  [Role.COURIER]: "courier",
  [Role.PARTNER]: "partner",
  [Role.SERVICE]: "service",
};

/** What the contract says about who may call a method. */
export type AccessRequirement =
  | { readonly kind: "public" }
  | { readonly kind: "roles"; readonly roles: ReadonlySet<RoleName> }
  | { readonly kind: "undeclared" };

/**
 * Reads the `(waybill.common.v1.access)` option of a method. A method of a Waybill service
 * without the option is `undeclared`, which the auth interceptor refuses: access is denied by
 * default, never granted by omission.
 */
export function accessRequirement(method: DescMethod): AccessRequirement {
  if (publicServices.has(method.parent.typeName)) return { kind: "public" };
  if (!hasOption(method, access)) return { kind: "undeclared" };
  const roles = getOption(method, access).roles.flatMap((role) => roleByEnum[role] ?? []);
  return { kind: "roles", roles: new Set(roles) };
}
