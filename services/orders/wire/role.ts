import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import type { RoleName } from "../../kit/auth/index.js";

/** Each role name of tokens (and of the status log's actors) and its contract value. */
const roleValues: Readonly<Record<RoleName, Role>> = {
  admin: Role.ADMIN,
  brand: Role.BRAND,
  customer: Role.CUSTOMER,
  courier: Role.COURIER,
  partner: Role.PARTNER,
  service: Role.SERVICE,
};

/** A role name as the contract's `Role`; UNSPECIFIED for a name that is no role. */
export function roleToProto(role: string): Role {
  return isRoleName(role) ? roleValues[role] : Role.UNSPECIFIED;
}

function isRoleName(role: string): role is RoleName {
  return Object.hasOwn(roleValues, role);
}
