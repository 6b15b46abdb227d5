import { cors as connectCors } from "@connectrpc/connect";
import cors from "cors";
import type { DualHandler } from "../server/index.js";

/**
 * Wraps a handler with CORS for browsers (the console, Connect-web), allowing the headers and
 * methods Connect, gRPC-Web and Connect streaming need and exposing their response headers.
 */
export function withCors(handler: DualHandler, origins: readonly string[]): DualHandler {
  const middleware = cors({
    origin: origins.includes("*") ? true : [...origins],
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
