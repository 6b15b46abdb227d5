import { readFileSync } from "node:fs";
import { request as http1Request, type IncomingMessage } from "node:http";
import { connect as http2Connect, type IncomingHttpHeaders } from "node:http2";
import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  spawnWaybill,
  type WaybillProcess,
} from "../support/index.js";

// Limits before work: a body is refused by its size (declared, counted, or inflated) and an
// anonymous caller before anything reads it, against a real process over raw sockets.
const secret = "request-limits-test-secret-of-32-chars";
const maxBytes = 256 * 1024;
const method = "/waybill.inventory.v1.InventoryService/GetStock";
const bound = 5_000;

let env: IsolatedEnvironment;
let waybill: WaybillProcess;
let token: string;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  waybill = await spawnWaybill(env, {
    SERVICES: "inventory",
    AUTH_SECRET: secret,
    REQUEST_MAX_BYTES: String(maxBytes),
  });
  token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
});

/** Resident memory of the Waybill process, in bytes. */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

/** `megabytes` of zeros gzipped: about a thousandth of that on the wire. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on("data", (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => gzip.once("end", resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once("drain", r));
  gzip.end();
  await ended;
  return Buffer.concat(parts);
}

/** Rejects after `ms` with `what`, so a missing answer fails the test instead of hanging it. */
function within<T>(promise: Promise<T>, what: string, ms = bound): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** An HTTP/1.1 response read whole. */
interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/**
 * Starts an HTTP/1.1 POST, writes `send` (never ending a body that declares more, or a chunked
 * one) and resolves with the answer the server gives meanwhile.
 */
function post(headers: Record<string, string>, send: Buffer, end: boolean): Promise<Answer> {
  const url = new URL(method, waybill.url);
  return new Promise<Answer>((resolve, reject) => {
    const req = http1Request(url, { method: "POST", headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.once("error", reject);
    });
    req.once("error", reject);
    req.write(send);
    if (end) req.end();
  });
}

/** A gRPC call over h2c: headers, then `body`; resolves with the status the server answers. */
function grpcCall(headers: Record<string, string>, body: Buffer, end: boolean): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(waybill.url);
    session.once("error", reject);
    const stream = session.request({
      ":method": "POST",
      ":path": method,
      "content-type": "application/grpc",
      te: "trailers",
      ...headers,
    });
    let status: string | undefined;
    const read = (h: IncomingHttpHeaders) => {
      status ??= h["grpc-status"] as string | undefined;
    };
    stream.once("response", read);
    stream.once("trailers", read);
    stream.on("data", () => undefined);
    stream.once("error", () => undefined);
    stream.once("close", () => {
      session.close();
      resolve(status);
    });
    stream.write(body);
    if (end) stream.end();
  });
}

/** A gRPC length-prefixed message, its compressed flag set. */
function envelope(payload: Buffer, compressed: boolean): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(compressed ? 1 : 0, 0);
  prefix.writeUInt32BE(payload.byteLength, 1);
  return Buffer.concat([prefix, payload]);
}

const connectHeaders = (extra: Record<string, string> = {}) => ({
  "content-type": "application/proto",
  "connect-protocol-version": "1",
  authorization: `Bearer ${token}`,
  ...extra,
});

describe("request size", () => {
  it("refuses a gzip bomb after inflating no more than the limit, in Connect and gRPC", async () => {
    const bomb = await gzipBomb(200);
    expect(bomb.byteLength).toBeLessThan(maxBytes);
    const before = rssOf(waybill.pid);
    const started = Date.now();
    const connect = await within(
      post(connectHeaders({ "content-encoding": "gzip", "content-length": String(bomb.byteLength) }), bomb, true),
      "Connect answer",
    );
    expect(connect.status).toBe(429);
    expect(JSON.parse(connect.body)).toMatchObject({ code: "resource_exhausted" });
    const grpc = await within(
      grpcCall({ authorization: `Bearer ${token}`, "grpc-encoding": "gzip" }, envelope(bomb, true), true),
      "gRPC answer",
    );
    expect(grpc).toBe("8");
    expect(Date.now() - started).toBeLessThan(bound);
    expect(rssOf(waybill.pid) - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses a body declaring more than the limit before it arrives", async () => {
    const answer = await within(
      post(connectHeaders({ "content-length": String(50 * 1024 * 1024) }), Buffer.alloc(16 * 1024), false),
      "answer before the body",
    );
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "resource_exhausted" });
    expect(answer.headers.connection).toBe("close");
  });

  it("cuts off a chunked body once it is over the limit", async () => {
    // Twice the limit is written and the body is never ended: only a cut-off answers.
    const answer = await within(post(connectHeaders(), Buffer.alloc(maxBytes * 2), false), "answer to a chunked body");
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "resource_exhausted" });
  });

  it("refuses a gRPC message over the limit from its length prefix", async () => {
    const prefix = envelope(Buffer.alloc(0), false);
    prefix.writeUInt32BE(maxBytes * 4, 1);
    const status = await within(grpcCall({ authorization: `Bearer ${token}` }, prefix, false), "gRPC answer");
    expect(status).toBe("8");
  });
});

describe("authentication before the body", () => {
  it("answers a large anonymous Connect body with unauthenticated without reading it", async () => {
    const { authorization: _, ...anonymous } = connectHeaders({ "content-length": String(50 * 1024 * 1024) });
    const answer = await within(post(anonymous, Buffer.alloc(16 * 1024), false), "answer before the body");
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "unauthenticated" });
  });

  it("answers an anonymous gRPC call trailers-only with status 16, its body never ended", async () => {
    const status = await within(grpcCall({}, envelope(Buffer.alloc(1024), false), false), "gRPC answer");
    expect(status).toBe("16");
  });

  it("still answers a browser's CORS preflight, which carries no token", async () => {
    const answer = await within(
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = http1Request(new URL(method, waybill.url), {
          method: "OPTIONS",
          agent: false,
          headers: {
            origin: "http://console.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type,connect-protocol-version",
          },
        });
        req.once("response", resolve).once("error", reject).end();
      }),
      "preflight answer",
    );
    answer.resume();
    expect(answer.statusCode).toBe(204);
    expect(String(answer.headers["access-control-allow-headers"]).toLowerCase()).toContain("authorization");
  });

  it("answers a forged token with unauthenticated in gRPC-Web", async () => {
    const answer = await within(
      post(
        { "content-type": "application/grpc-web+proto", authorization: "Bearer not.a.token" },
        envelope(Buffer.alloc(1024), false),
        false,
      ),
      "gRPC-Web answer",
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["grpc-status"]).toBe("16");
  });
});
