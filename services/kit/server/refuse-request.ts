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
 * the rest: HTTP/2 resets the stream with NO_ERROR (what gRPC servers do after an early answer);
 * HTTP/1.1 reads and drops up to `drainBytes` of it, so the connection stays usable and the
 * client is not cut off mid-write, or closes the connection when `drainBytes` is not given.
 * Headers already set on `res` (CORS) are kept, and the error's metadata (`Retry-After`) is sent
 * as headers.
 */
export function refuseRequest(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  error: ConnectError,
  drainBytes?: number,
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
    error.metadata.forEach((value, key) => {
      headers[key] = value;
    });
    headers["content-type"] = contentType;
    const json = new TextEncoder().encode(JSON.stringify(endStreamToJson(new Headers(), error, {})));
    body = encodeEnvelope(endStreamFlag, json);
  } else {
    // Plain HTTP has 413 for a body too large; Connect maps the code to its own status (429, as
    // for a rate limit, which carries Retry-After).
    error.metadata.forEach((value, key) => {
      headers[key] = value;
    });
    const tooLarge = error.code === Code.ResourceExhausted && !error.metadata.has("retry-after");
    status = protocol === "other" && tooLarge ? 413 : codeToHttpStatus(error.code);
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
  if (unread) {
    // A client still sending its body would meet a closed socket (EPIPE) instead of this answer:
    // read and drop the rest when it may be read, up to the size limit; otherwise close.
    if (drainBytes === undefined) res.setHeader("connection", "close");
    else dropBody(req, drainBytes);
  }
  res.writeHead(status, headers);
  res.end(body);
}

/** Reads the rest of an HTTP/1.1 body into nothing; a body past `maxBytes` loses its connection. */
function dropBody(req: IncomingMessage | Http2ServerRequest, maxBytes: number): void {
  let seen = 0;
  req.on("data", (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > maxBytes) req.socket.destroy();
  });
  req.resume();
}
