import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import type { Principal } from "../auth/principal.js";
import { DomainError, permissionDenied } from "../errors/index.js";
import type { ApiKeyRoleName } from "./access-database.js";

/** The furthest an expiry may lie ahead: keys that should live longer have none and are rotated. */
export const maxApiKeyExpiryMs = 366 * 86_400_000;

/**
 * Refuses a caller that holds an API key: keys are managed with a token, so that a leaked key
 * cannot issue its own successors or revoke its siblings. (Roles are the contract's business.)
 */
export function assertMayManageKeys(principal: Principal): void {
  if (principal.apiKeyId === undefined) return;
  throw permissionDenied("a call made with an API key may not manage API keys - use a brand or admin token");
}

/** The role a new key gets: partner unless BRAND is asked for (validation admits no other). */
export function apiKeyRoleOf(role: Role): ApiKeyRoleName {
  return role === Role.BRAND ? "brand" : "partner";
}

/**
 * Refuses an expiry that is not in the future or lies more than {@link maxApiKeyExpiryMs} ahead
 * of `now` (the contract checks the same against the validator's clock; this checks the
 * service's own).
 */
export function assertExpiryAcceptable(expiresAt: Date | undefined, now: Date): void {
  if (expiresAt === undefined) return;
  const ahead = expiresAt.getTime() - now.getTime();
  if (ahead > 0 && ahead <= maxApiKeyExpiryMs) return;
  throw new DomainError(
    "invalid_argument",
    "expire_time must be in the future and at most 366 days ahead - leave it unset for a key that lives until revoked",
  );
}
