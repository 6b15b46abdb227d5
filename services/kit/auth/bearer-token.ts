import { Code, ConnectError } from "@connectrpc/connect";
import type { Principal } from "./principal.js";
import { InvalidTokenError, type TokenIssuer } from "./tokens.js";

/**
 * The principal of an `Authorization: Bearer <token>` header, or UNAUTHENTICATED saying what is
 * wrong (no header, not a bearer token, a token that fails verification). Shared by the request
 * gate, which runs it before a body is read, and the auth interceptor, which then checks roles.
 *
 * @example
 * const principal = await principalOfBearer(tokens, req.header.get("authorization"));
 */
export async function principalOfBearer(tokens: TokenIssuer, header: string | null | undefined): Promise<Principal> {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) {
    throw new ConnectError("missing bearer token - send the header Authorization Bearer <token>", Code.Unauthenticated);
  }
  try {
    return await tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new ConnectError(error.message, Code.Unauthenticated);
    throw error;
  }
}
