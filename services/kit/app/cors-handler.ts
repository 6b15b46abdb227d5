import { cors as connectCors } from "@connectrpc/connect";
import cors from "cors";
import type { DualHandler } from "../server/index.js";

/**
 * Wraps a handler with CORS for browsers (the console, Connect-web), allowing the headers and
 * methods Connect, gRPC-Web and Connect streaming need and exposing their response headers.
 * Only an origin in `origins` (`CORS_ALLOWED_ORIGINS`) is echoed in `Access-Control-Allow-Origin`;
 * `*` stands for any origin but `null`, which sandboxed frames and local files send and which
 * must be listed itself. Any other origin gets no CORS headers, so browsers refuse the answer.
 */
export function withCors(handler: DualHandler, origins: readonly string[]): DualHandler {
  const middleware = cors({
    // An empty list, not false, for a refused origin: cors then still answers the preflight
    // (without Access-Control-Allow-Origin) instead of handing it to the routes.
    origin: (origin, callback) => callback(null, isAllowedOrigin(origin, origins) ? true : []),
    methods: [...connectCors.allowedMethods],
    allowedHeaders: [...connectCors.allowedHeaders, "Authorization"],
    exposedHeaders: [...connectCors.exposedHeaders],
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
