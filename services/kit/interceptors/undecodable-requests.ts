import { Code, ConnectError } from "@connectrpc/connect";
import type { UniversalHandler, UniversalServerResponse } from "@connectrpc/connect/protocol";
import { safeMessage } from "./safe-message.js";

/**
 * connect-es answers a request body that does not decode as protobuf binary with `internal`
 * ("parse binary: premature EOF"), before any interceptor runs, and so does connect-node a
 * compressed body that ends early ("decompression failed", zlib's Z_BUF_ERROR). Nothing but request decoding can
 * put that message on the wire: the error interceptor answers every other internal error with
 * only a trace id.
 */
const parseFailure =
  /^(parse binary: |decompression failed$|received compressed envelope, but do not know how to decompress$)/;

/**
 * True for the messages connect-es gives a request body that does not decode (also a compressed
 * message without an encoding). For server streams the body is decoded inside the interceptor
 * chain, so the error interceptor asks this instead.
 */
export function isUndecodableRequest(message: string): boolean {
  return parseFailure.test(message);
}

/** The refusal of a request body of type `typeName` that did not decode (`detail`: connect-es's message). */
export function undecodableRequest(typeName: string, detail: string): ConnectError {
  return new ConnectError(
    safeMessage(`the request body is not a valid ${typeName} - ${detail.replace(/^parse binary: /, "")}`),
    Code.InvalidArgument,
  );
}

/**
 * Wraps a handler so that a request body which does not decode is answered `invalid_argument`
 * (HTTP 400 in the Connect protocol) naming the expected message, on every protocol: a Connect
 * unary error body, a Connect end-of-stream message, a gRPC trailer and a gRPC-Web trailer frame.
 * Real internal errors are left as they are. Connect's JSON decoding already answers
 * `invalid_argument`.
 *
 * @example
 * routes(router) { ...; router.handlers.forEach((h, i) => { router.handlers[i] = answerUndecodableRequests(h); }); }
 */
export function answerUndecodableRequests(handler: UniversalHandler): UniversalHandler {
  const typeName = handler.method.input.typeName;
  const refusal = (detail: string) => undecodableRequest(typeName, detail);
  const wrapped = async (request: Parameters<UniversalHandler>[0]) => rewrite(await handler(request), refusal);
  return Object.assign(wrapped, { ...handler }) as UniversalHandler;
}

type Refusal = (detail: string) => ConnectError;

async function rewrite(response: UniversalServerResponse, refusal: Refusal): Promise<UniversalServerResponse> {
  const type = response.header?.get("content-type") ?? "";
  const body = response.body;
  if (!body) return response;
  if (response.status === 500 && type.startsWith("application/json")) return connectUnary(response, body, refusal);
  if (type.startsWith("application/grpc-web+") || type.startsWith("application/connect+"))
    return { ...response, body: mapChunks(body, (chunk) => endOfStream(chunk, refusal)) };
  if (type.startsWith("application/grpc") && response.trailer) {
    const trailer = response.trailer;
    return { ...response, body: thenFix(body, () => grpcTrailer(trailer, refusal)) };
  }
  return response;
}

/** A Connect unary error: `{"code":"internal","message":"parse binary: ..."}` with status 500. */
async function connectUnary(
  response: UniversalServerResponse,
  body: AsyncIterable<Uint8Array>,
  refusal: Refusal,
): Promise<UniversalServerResponse> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const error = parseJson(bytes) as { code?: unknown; message?: unknown } | undefined;
  if (error?.code !== "internal" || typeof error.message !== "string" || !parseFailure.test(error.message))
    return { ...response, body: once(bytes) };
  const refused = Buffer.from(JSON.stringify({ code: "invalid_argument", message: refusal(error.message).rawMessage }));
  const header = new Headers(response.header);
  header.set("content-length", String(refused.byteLength));
  return { ...response, status: 400, header, body: once(refused) };
}

/** A gRPC-Web trailer frame (flag 0x80) or a Connect end-of-stream message (flag 0x02), rewritten. */
function endOfStream(chunk: Uint8Array, refusal: Refusal): Uint8Array {
  const flag = chunk[0] ?? 0;
  if (chunk.byteLength < 5 || (flag !== 0x80 && flag !== 0x02)) return chunk;
  const text = Buffer.from(chunk.subarray(5)).toString("utf8");
  if (flag === 0x80) {
    const message = /grpc-message: *([^\r\n]*)/i.exec(text)?.[1];
    if (!/grpc-status: *13\b/i.test(text) || !message || !parseFailure.test(decodeURIComponent(message))) return chunk;
    const refused = refusal(decodeURIComponent(message));
    return envelope(
      flag,
      `grpc-status: ${refused.code}\r\ngrpc-message: ${encodeURIComponent(refused.rawMessage)}\r\n`,
    );
  }
  const end = parseJson(Buffer.from(text)) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const message = end?.error?.message;
  if (end?.error?.code !== "internal" || typeof message !== "string" || !parseFailure.test(message)) return chunk;
  return envelope(flag, JSON.stringify({ error: { code: "invalid_argument", message: refusal(message).rawMessage } }));
}

/** A gRPC trailer `grpc-status: 13` carrying the parse failure, rewritten in place. */
function grpcTrailer(trailer: Headers, refusal: Refusal): void {
  const message = decodeURIComponent(trailer.get("grpc-message") ?? "");
  if (trailer.get("grpc-status") !== String(Code.Internal) || !parseFailure.test(message)) return;
  const refused = refusal(message);
  trailer.set("grpc-status", String(refused.code));
  trailer.set("grpc-message", encodeURIComponent(refused.rawMessage));
}

function envelope(flag: number, text: string): Uint8Array {
  const data = Buffer.from(text, "utf8");
  const head = Buffer.alloc(5);
  head.writeUInt8(flag, 0);
  head.writeUInt32BE(data.byteLength, 1);
  return Buffer.concat([head, data]);
}

async function* mapChunks(body: AsyncIterable<Uint8Array>, map: (chunk: Uint8Array) => Uint8Array) {
  for await (const chunk of body) yield map(chunk);
}

/** `body`, then `fix` once it has ended (the gRPC adapter writes trailers after the body). */
async function* thenFix(body: AsyncIterable<Uint8Array>, fix: () => void) {
  yield* body;
  fix();
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
}
