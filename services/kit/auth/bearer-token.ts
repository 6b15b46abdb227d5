import { Code, ConnectError } from "@connectrpc/connect";
import { type ApiKeyVerifier, apiKeyPrefix } from "./api-key-verifier.js";
import type { Principal } from "./principal.js";
import { InvalidTokenError, type TokenIssuer } from "./tokens.js";

/**
 * The principal of an `Authorization: Bearer <credential>` header, or UNAUTHENTICATED saying what
 * is wrong (no header, not a bearer credential, one that fails verification). The credential is a
 * JWT, or an API key (`wbk_…`) checked by `apiKeys`; without a verifier API keys are refused.
 * Shared by the request gate, which runs it before a body is read, and the auth interceptor,
 * which then checks roles.
 *
 * @example
 * const principal = await principalOfBearer(tokens, req.header.get("authorization"), apiKeys);
 */
export async function principalOfBearer(
  tokens: TokenIssuer,
  header: string | null | undefined,
  apiKeys?: ApiKeyVerifier,
): Promise<Principal> {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  const credential = match?.[1];
  if (!credential) {
    throw new ConnectError("missing bearer token - send the header Authorization Bearer <token>", Code.Unauthenticated);
  }
  try {
    if (!credential.startsWith(apiKeyPrefix)) return await tokens.verify(credential);
    if (!apiKeys) throw new InvalidTokenError("API keys are not accepted by this server - send a token");
    return await apiKeys.verify(credential);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new ConnectError(error.message, Code.Unauthenticated);
    throw error;
  }
}
