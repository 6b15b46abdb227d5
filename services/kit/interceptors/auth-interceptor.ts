import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { accessRequirement } from "../auth/access-rules.js";
import type { ApiKeyVerifier } from "../auth/api-key-verifier.js";
import { principalOfBearer } from "../auth/bearer-token.js";
import { principalKey } from "../auth/principal.js";
import type { TokenIssuer } from "../auth/tokens.js";

/**
 * Authenticates the bearer token (or API key, when `apiKeys` checks them) and authorizes the caller's role against the method's
 * `(waybill.common.v1.access)` option. This is the one place role checks happen; handlers still
 * check tenancy and ownership on the principal it puts into the context values.
 */
export function createAuthInterceptor(tokens: TokenIssuer, apiKeys?: ApiKeyVerifier): Interceptor {
  return (next) => async (req) => {
    const requirement = accessRequirement(req.method);
    if (requirement.kind === "public") return next(req);
    if (requirement.kind === "undeclared") {
      throw new ConnectError(`${req.method.name} declares no access rule and is closed`, Code.PermissionDenied);
    }
    const principal = await principalOfBearer(tokens, req.header.get("authorization"), apiKeys);
    if (!requirement.roles.has(principal.role)) {
      const allowed = [...requirement.roles].join(" or ");
      throw new ConnectError(
        `role ${principal.role} may not call ${req.method.name} (allowed ${allowed})`,
        Code.PermissionDenied,
      );
    }
    req.contextValues.set(principalKey, principal);
    return next(req);
  };
}
