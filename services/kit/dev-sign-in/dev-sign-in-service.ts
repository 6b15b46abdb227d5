import { create, type DescField } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  DevSignInService,
  type SignInRequest,
  SignInRequestSchema,
  type SignInResponse,
  SignInResponseSchema,
} from "@waybill/contracts/waybill/access/v1/dev_sign_in_pb.js";
import { decodeJwt } from "jose";
import type { ServedService } from "../app/service-definition.js";
import type { TokenIssuer } from "../auth/index.js";
import { DomainError } from "../errors/index.js";
import { type SignInFieldError, signInPrincipal } from "./sign-in-rules.js";

/** What {@link createDevSignInService} needs. */
export interface DevSignInOptions {
  /** The process's token issuer (AUTH_SECRET), the one every service verifies with. */
  readonly tokens: TokenIssuer;
  /** `TOKEN_MAX_LIFETIME_SECONDS`: the longest lifetime a caller may ask for. */
  readonly maxLifetimeSeconds: number;
}

/** The lifetime of a token when the request leaves it unset. */
const defaultLifetimeSeconds = 86_400;

/**
 * `waybill.access.v1.DevSignInService`: mints a token for the role the caller asks for. Served
 * only in development (`DEV_SIGN_IN_ENABLED`), by every process, and public (see
 * `auth/access-rules.ts`): whoever reaches it may become an admin.
 *
 * @example
 * const devSignIn = createDevSignInService({ tokens, maxLifetimeSeconds: config.tokenMaxLifetimeSeconds });
 */
export function createDevSignInService(options: DevSignInOptions): ServedService {
  const implementation: Partial<ServiceImpl<typeof DevSignInService>> = {
    signIn: (request) => signIn(options, request),
  };
  return { descriptor: DevSignInService, implementation };
}

async function signIn(options: DevSignInOptions, request: SignInRequest): Promise<SignInResponse> {
  const principal = signInPrincipal(request, options.maxLifetimeSeconds);
  if (Array.isArray(principal)) throw invalidFields(principal);
  const ttl = request.ttlSeconds || Math.min(defaultLifetimeSeconds, options.maxLifetimeSeconds);
  const token = await options.tokens.sign(principal, ttl);
  // The token's own expiry, to the second, rather than a second clock reading.
  const exp = decodeJwt(token).exp ?? 0;
  return create(SignInResponseSchema, {
    token,
    expireTime: timestampFromMs(exp * 1000),
    role: request.role,
    brandId: principal.brandId ?? "",
    subject: principal.subject,
  });
}

/** INVALID_ARGUMENT with a `buf.validate.Violations` detail per field, as protovalidate answers. */
function invalidFields(errors: readonly SignInFieldError[]): DomainError {
  const summary = errors.map((error) => `${error.field} ${error.message}`).join("; ");
  const violations = errors.map((error) => {
    const field = SignInRequestSchema.fields.find((candidate) => candidate.name === error.field) as DescField;
    return {
      field: { elements: [{ fieldNumber: field.number, fieldName: field.name, fieldType: field.proto.type }] },
      ruleId: `dev_sign_in.${error.field}`,
      message: error.message,
    };
  });
  return new DomainError("invalid_argument", `invalid request - ${summary}`, [
    { desc: ViolationsSchema, value: create(ViolationsSchema, { violations }) },
  ]);
}
