import { cors as connectCors } from "@connectrpc/connect";
import cors from "cors";
import type { DualHandler } from "../server/index.js";

/**
 * Request headers a browser may send beside Connect's and gRPC-Web's (`cors.allowedHeaders` of
 * `@connectrpc/connect`): the bearer token and W3C trace context, which the SDK adds when the page
 * has a propagator. A header missing here fails the preflight, and with it every call.
 */
export const corsRequestHeaders: readonly string[] = ["authorization", "traceparent", "tracestate", "baggage"];

/**
 * Response headers a browser script may read beside Connect's and gRPC-Web's (`cors.exposedHeaders`:
 * `grpc-status`, `grpc-message`, `grpc-status-details-bin`, the encodings): `retry-after`, which a
 * rate-limited call carries (the SDK honours it).
 */
export const corsResponseHeaders: readonly string[] = ["retry-after"];

/**
 * Wraps a handler with CORS for browsers (the console, Connect-web), allowing the headers and
 * methods Connect, gRPC-Web and Connect streaming need, trace context and `extraHeaders`
 * (`CORS_ALLOWED_HEADERS`), and exposing the protocols' response headers and `retry-after`.
 * Only an origin in `origins` (`CORS_ALLOWED_ORIGINS`) is echoed in `Access-Control-Allow-Origin`;
 * `*` stands for any origin but `null`, which sandboxed frames and local files send and which
 * must be listed itself. Any other origin gets no CORS headers, so browsers refuse the answer.
 */
export function withCors(
  handler: DualHandler,
  origins: readonly string[],
  extraHeaders: readonly string[] = [],
): DualHandler {
  const middleware = cors({
    // An empty list, not false, for a refused origin: cors then still answers the preflight
    // (without Access-Control-Allow-Origin) instead of handing it to the routes.
    origin: (origin, callback) => callback(null, isAllowedOrigin(origin, origins) ? true : []),
    methods: [...connectCors.allowedMethods],
    allowedHeaders: distinct([...connectCors.allowedHeaders, ...corsRequestHeaders, ...extraHeaders]),
    exposedHeaders: distinct([...connectCors.exposedHeaders, ...corsResponseHeaders]),
    maxAge: 7200,
  });
  return (req, res) => {
    // cors speaks the http1 API, which the http2 compatibility objects also offer.
    middleware(req as never, res as never, () => handler(req, res));
  };
}

/** Whether a request's `Origin` may read the answer: listed exactly, or `*` for any but `null`. */
export function isAllowedOrigin(origin: string | undefined, origins: readonly string[]): boolean {
  if (origin === undefined) return false;
  if (origins.includes(origin)) return true;
  return origin !== "null" && origins.includes("*");
}

/** Header names once each, in lower case (header names are case-insensitive). */
function distinct(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.toLowerCase()))];
}
