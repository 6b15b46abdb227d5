import type { Interceptor } from "@connectrpc/connect";

/** A bearer token, or a function returning the current one (for tokens that are refreshed). */
export type TokenSource = string | (() => string | Promise<string>);

/** Sends `Authorization: Bearer <token>` with every call. */
export function bearerTokenInterceptor(token: TokenSource): Interceptor {
  return (next) => async (req) => {
    const value = typeof token === "function" ? await token() : token;
    if (value) req.header.set("Authorization", `Bearer ${value}`);
    return next(req);
  };
}
