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

/**
 * The address a request came from, as rate limits and stream caps count it: the socket's peer,
 * or, behind `trustedProxyHops` proxies of one's own (`TRUSTED_PROXY_HOPS`), the address the
 * farthest of them saw, read from the right of `X-Forwarded-For`. Entries further left were
 * written by the client and are never used.
 *
 * @example
 * callerAddressOf(req, 1); // X-Forwarded-For: "203.0.113.9" from the ingress → "203.0.113.9"
 */
export function callerAddressOf(req: IncomingMessage | Http2ServerRequest, trustedProxyHops = 0): string {
  const peer = req.socket?.remoteAddress ?? "";
  if (trustedProxyHops === 0) return clientAddressKey(peer);
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return clientAddressKey(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]);
}

/** The context values connect-node starts each call with: the caller's address. */
export function callerContextValues(
  trustedProxyHops = 0,
): (req: IncomingMessage | Http2ServerRequest) => ContextValues {
  return (req) => createContextValues().set(callerAddressKey, callerAddressOf(req, trustedProxyHops));
}
