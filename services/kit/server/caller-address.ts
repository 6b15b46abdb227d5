import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import { type ContextValues, createContextKey, createContextValues } from "@connectrpc/connect";
import { clientAddressKey } from "../rate-limits/client-address.js";

/**
 * Context value holding the address a call came from (IPv4, or the /64 of an IPv6 address), so
 * that interceptors can count callers without a token, such as `Health/Watch` streams.
 *
 * @example
 * const address = req.contextValues.get(callerAddressKey);
 */
export const callerAddressKey = createContextKey<string | undefined>(undefined, {
  description: "address the call came from",
});

/** The context values connect-node starts each call with: the caller's address. */
export function callerContextValues(req: IncomingMessage | Http2ServerRequest): ContextValues {
  return createContextValues().set(callerAddressKey, clientAddressKey(req.socket?.remoteAddress));
}
