/** The development sign-in: `waybill.access.v1.DevSignInService`, served while DEV_SIGN_IN_ENABLED. */
export { createDevSignInService, type DevSignInOptions } from "./dev-sign-in-service.js";
export { type SignInFieldError, type SignInFields, signInPrincipal } from "./sign-in-rules.js";
