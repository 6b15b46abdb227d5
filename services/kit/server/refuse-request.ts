import type { IncomingMessage, ServerResponse } from "node:http";
import { type Http2ServerRequest, type Http2ServerResponse, constants as http2Constants } from "node:http2";
import { Code, type ConnectError } from "@connectrpc/connect";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import {
  codeToHttpStatus,
  endStreamFlag,
  endStreamToJson,
  errorToJsonBytes,
} from "@connectrpc/connect/protocol-connect";
import { setTrailerStatus } from "@connectrpc/connect/protocol-grpc";

/** The wire protocols an RPC request can arrive in, read from its content type. */
type Protocol = "grpc" | "grpc-web" | "connect-stream" | "connect-unary" | "other";

/** Reads the protocol from the content type, as connect-es's handlers do (GET is Connect unary). */
function protocolOf(req: IncomingMessage | Http2ServerRequest): Protocol {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (/^application\/grpc-web(-text)?([+;]|$)/.test(type)) return "grpc-web";
  if (/^application\/grpc([+;]|$)/.test(type)) return "grpc";
  if (/^application\/connect\+/.test(type)) return "connect-stream";
  if (/^application\/(json|proto)([;]|$)/.test(type) || req.method === "GET") return "connect-unary";
  return "other";
}

/** Whether the request body has been read to its end (nothing more will come from the client). */
export function requestComplete(req: IncomingMessage | Http2ServerRequest): boolean {
  return req.complete || req.readableEnded;
}

/**
 * Answers `error` in the caller's protocol (Connect JSON error or end-stream message, gRPC or
 * gRPC-Web trailers-only) without reading the request body, then stops the client from sending
 * the rest: HTTP/1.1 closes the connection, HTTP/2 resets the stream with NO_ERROR (what gRPC
 * servers do after an early answer). Headers already set on `res` (CORS) are kept.
 */
export function refuseRequest(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  error: ConnectError,
): void {
  const protocol = protocolOf(req);
  const contentType = String(req.headers["content-type"] ?? "");
  const headers: Record<string, string> = {};
  let status = 200;
  let body: Uint8Array | undefined;
  if (protocol === "grpc" || protocol === "grpc-web") {
    const trailer = new Headers({ "content-type": contentType });
    setTrailerStatus(trailer, error);
    trailer.forEach((value, key) => {
      headers[key] = value;
    });
  } else if (protocol === "connect-stream") {
    headers["content-type"] = contentType;
    const json = new TextEncoder().encode(JSON.stringify(endStreamToJson(new Headers(), error, {})));
    body = encodeEnvelope(endStreamFlag, json);
  } else {
    // Plain HTTP has 413 for a body too large; Connect maps the code to its own status (429).
    status = protocol === "other" && error.code === Code.ResourceExhausted ? 413 : codeToHttpStatus(error.code);
    headers["content-type"] = "application/json";
    body = errorToJsonBytes(error, {});
  }
  if (body) headers["content-length"] = String(body.byteLength);
  const unread = !requestComplete(req);
  if ("stream" in res) {
    const stream = res.stream;
    if (stream.destroyed || stream.headersSent) return;
    stream.respond({ ...res.getHeaders(), ...headers, ":status": status }, { endStream: body === undefined });
    if (body) stream.end(body);
    if (unread) stream.close(http2Constants.NGHTTP2_NO_ERROR);
    return;
  }
  if (res.headersSent) return;
  // Node would otherwise read and discard the rest of the body to keep the connection alive.
  if (unread) res.setHeader("connection", "close");
  res.writeHead(status, headers);
  res.end(body);
}
