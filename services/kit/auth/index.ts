export type { AccessRequirement } from "./access-rules.js";
export { accessRequirement } from "./access-rules.js";
export { principalOfBearer } from "./bearer-token.js";
export type { Principal, RoleName } from "./principal.js";
export { principalKey, roleNames } from "./principal.js";
export { assertBrandAccess, isOperator, mayActForBrand, requirePrincipal, scopeBrand } from "./tenancy.js";
export { defaultTokenMaxLifetimeSeconds, lifetimeExcess } from "./token-lifetime.js";
export type { TokenIssuer, TokenIssuerOptions } from "./tokens.js";
export { createTokenIssuer, InvalidTokenError } from "./tokens.js";
