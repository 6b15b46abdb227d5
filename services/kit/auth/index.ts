export { accessRequirement } from "./access-rules.js";
export type { AccessRequirement } from "./access-rules.js";
export { principalKey, roleNames } from "./principal.js";
export type { Principal, RoleName } from "./principal.js";
export { assertBrandAccess, isOperator, requirePrincipal, scopeBrand } from "./tenancy.js";
export { createTokenIssuer, InvalidTokenError } from "./tokens.js";
export type { TokenIssuer } from "./tokens.js";
