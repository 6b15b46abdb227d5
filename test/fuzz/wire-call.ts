import { constants, connect as http2Connect } from "node:http2";

/**
 * Sends one raw body to one RPC over the Connect protocol (unary or streaming, HTTP/1.1) or gRPC
 * (HTTP/2 cleartext, one connection per request), without any client library between the fuzz test and the wire, and reads
 * the answer's code. A stream still open after `openMs` counts as a healthy answer ("open").
 */

/** The protocols the fuzz test speaks. */
export type WireProtocol = "connect" | "connect-stream" | "grpc";

/** What came back, reduced to what the test judges. */
export interface WireAnswer {
  /** HTTP status. */
  readonly status: number;
  /** "ok", "open" (a stream still running), a Connect code name ("invalid_argument"), or "grpc-<n>". */
  readonly code: string;
  readonly message: string;
}

/** One request: where, how, and the exact bytes of its body. */
export interface WireRequest {
  readonly baseUrl: string;
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly protocol: WireProtocol;
  readonly codec: "proto" | "json";
  readonly token: string | undefined;
  readonly body: Uint8Array;
  /** How long a stream may stay open before it is cancelled and counted as "open". */
  readonly openMs: number;
  /** How long any answer may take. */
  readonly timeoutMs: number;
}

/** gRPC status numbers by Connect code name. */
const grpcNames = [
  "ok",
  "canceled",
  "unknown",
  "invalid_argument",
  "deadline_exceeded",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unimplemented",
  "internal",
  "unavailable",
  "data_loss",
  "unauthenticated",
];

/** `payload` in a gRPC / Connect streaming envelope with `flags`. */
export function envelope(payload: Uint8Array, flags = 0, declaredLength = payload.length): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, flags);
  view.setUint32(1, declaredLength >>> 0);
  out.set(payload, 5);
  return out;
}

function errorOfJson(status: number, text: string): WireAnswer {
  try {
    const parsed = JSON.parse(text) as { code?: string; message?: string };
    return { status, code: parsed.code ?? `http-${status}`, message: parsed.message ?? "" };
  } catch {
    return { status, code: `http-${status}`, message: text.slice(0, 200) };
  }
}

/** The end-of-stream message of a Connect streaming answer, once `data` holds it. */
function connectEnd(data: Uint8Array): WireAnswer | undefined {
  let at = 0;
  while (at + 5 <= data.length) {
    const view = new DataView(data.buffer, data.byteOffset + at);
    const flags = view.getUint8(0);
    const length = view.getUint32(1);
    if (at + 5 + length > data.length) return undefined;
    if (flags & 2) {
      const end = errorOfJson(200, new TextDecoder().decode(data.subarray(at + 5, at + 5 + length)));
      return end.code === "http-200" ? { status: 200, code: "ok", message: "" } : end;
    }
    at += 5 + length;
  }
  return undefined;
}

async function callConnect(request: WireRequest): Promise<WireAnswer> {
  const streaming = request.protocol === "connect-stream";
  const headers: Record<string, string> = {
    "content-type": `application/${streaming ? "connect+" : ""}${request.codec}`,
    "connect-protocol-version": "1",
  };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  // A live stream may send nothing at all (not even headers) until something changes: after
  // openMs it is cancelled and counted as "open"; any other request gets timeoutMs.
  const abort = new AbortController();
  let cancelledOpen = false;
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  const open = setTimeout(() => {
    cancelledOpen = streaming;
    if (streaming) abort.abort();
  }, request.openMs);
  try {
    const response = await fetch(new URL(request.path, request.baseUrl), {
      method: "POST",
      headers,
      body: Buffer.from(request.body),
      signal: abort.signal,
    });
    if (!streaming || response.status !== 200) {
      const text = await response.text();
      return response.status === 200 ? { status: 200, code: "ok", message: "" } : errorOfJson(response.status, text);
    }
    // Read envelopes until the end-of-stream message.
    const reader = response.body!.getReader();
    let data = new Uint8Array(0);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return connectEnd(data) ?? { status: 200, code: "closed-without-status", message: "" };
      data = Uint8Array.from([...data, ...chunk.value]);
      const end = connectEnd(data);
      if (end) return end;
    }
  } catch (error) {
    if (cancelledOpen) return { status: 200, code: "open", message: "" };
    return { status: 0, code: abort.signal.aborted ? "no-answer" : "transport-error", message: String(error) };
  } finally {
    clearTimeout(timer);
    clearTimeout(open);
  }
}

function callGrpc(request: WireRequest): Promise<WireAnswer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      ":method": "POST",
      ":path": request.path,
      "content-type": request.codec === "proto" ? "application/grpc" : "application/grpc+json",
      te: "trailers",
    };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    // A session of its own, so that a case which breaks its connection cannot fail another case.
    const session = http2Connect(request.baseUrl);
    session.on("error", () => undefined);
    const stream = session.request(headers);
    let status = 0;
    let settled = false;
    const finish = (answer: WireAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(open);
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
      session.close();
      resolve(answer);
    };
    const fromStatus = (fields: Record<string, unknown>) => {
      const grpcStatus = fields["grpc-status"];
      if (grpcStatus === undefined) return false;
      const n = Number(grpcStatus);
      const message = decodeURIComponent(String(fields["grpc-message"] ?? ""));
      finish({ status, code: grpcNames[n] ?? `grpc-${String(grpcStatus)}`, message });
      return true;
    };
    const timer = setTimeout(() => finish({ status, code: "no-answer", message: "" }), request.timeoutMs);
    const open = setTimeout(() => finish({ status, code: "open", message: "" }), request.openMs);
    stream.on("response", (fields) => {
      status = Number(fields[":status"]);
      if (!fromStatus(fields) && status !== 200) finish({ status, code: `http-${status}`, message: "" });
    });
    stream.on("trailers", (fields) => fromStatus(fields));
    stream.on("data", () => undefined);
    stream.on("close", () => finish({ status, code: "closed-without-status", message: String(stream.rstCode) }));
    stream.on("error", (error) => finish({ status, code: "transport-error", message: String(error) }));
    stream.end(request.body);
  });
}

/** Sends one request and returns its answer (never throws). */
export function sendBody(request: WireRequest): Promise<WireAnswer> {
  return request.protocol === "grpc" ? callGrpc(request) : callConnect(request);
}
