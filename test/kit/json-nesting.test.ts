import { connect as http2Connect, type IncomingHttpHeaders } from "node:http2";
import { gzipSync } from "node:zlib";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import { itemRequest } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// A JSON request nesting deeper than REQUEST_MAX_JSON_DEPTH is refused before connect-es parses
// it (JSON.parse would build every level of unknown fields), over real HTTP in every JSON framing.
const maxDepth = 16;
const refusal = `the JSON request nests deeper than ${maxDepth} levels (REQUEST_MAX_JSON_DEPTH)`;
const listItems = "/waybill.inventory.v1.InventoryService/ListItems";
const watchStock = "/waybill.inventory.v1.InventoryService/WatchStock";
// A deep body is answered at its first level too many, not after a parse of all of it (generous, for a busy machine).
const quickMs = 10_000;

let waybill: TestWaybill;
let token: string;

beforeAll(async () => {
  waybill = await startTestWaybill({
    definitions: [inventoryService],
    env: { REQUEST_MAX_JSON_DEPTH: String(maxDepth) },
  });
  token = await waybill.token("admin");
  await (await waybill.as("brand", "acme")).inventory.createItem(itemRequest("acme", "MUG-1"));
}, 60_000);

afterAll(async () => {
  await waybill?.stop();
});

/** `request` (a JSON object) with an unknown field nesting `levels` arrays: `levels + 1` deep in all. */
function withUnknown(request: object, levels: number): string {
  const deep = `${"[".repeat(levels)}${"]".repeat(levels)}`;
  return JSON.stringify(request).replace(/^\{/, `{"unknownField":${deep},`);
}

/** A 5-byte-prefixed message, as Connect streaming and gRPC-Web frame it. */
function envelope(payload: Buffer | string, flags = 0): Buffer {
  const bytes = Buffer.from(payload);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(flags, 0);
  prefix.writeUInt32BE(bytes.byteLength, 1);
  return Buffer.concat([prefix, bytes]);
}

/** POSTs `body` to `path` as an admin, with the given content type and headers. */
function post(path: string, contentType: string, body: Buffer | string, headers: Record<string, string> = {}) {
  return fetch(new URL(path, waybill.url), {
    method: "POST",
    headers: { "content-type": contentType, authorization: `Bearer ${token}`, ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
    // A server that parses a deep stream request would keep the stream open: fail, do not hang.
    signal: AbortSignal.timeout(10_000),
  });
}

/** The messages of a Connect streaming answer, read to its end-stream message. */
async function envelopesOf(response: Response): Promise<Array<{ flags: number; json: unknown }>> {
  let bytes = Buffer.from(await response.arrayBuffer());
  const messages: Array<{ flags: number; json: unknown }> = [];
  while (bytes.byteLength >= 5) {
    const length = bytes.readUInt32BE(1);
    messages.push({ flags: bytes[0] ?? 0, json: JSON.parse(bytes.subarray(5, 5 + length).toString("utf8")) });
    bytes = bytes.subarray(5 + length);
  }
  return messages;
}

/** A gRPC call with a JSON message over h2c: the status and message the server answers. */
function grpcJson(path: string, body: Buffer): Promise<{ status?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(waybill.url);
    session.once("error", reject);
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc+json",
      te: "trailers",
      authorization: `Bearer ${token}`,
    });
    const answer: { status?: string; message?: string } = {};
    const read = (headers: IncomingHttpHeaders) => {
      answer.status ??= headers["grpc-status"] as string | undefined;
      answer.message ??= headers["grpc-message"] as string | undefined;
    };
    stream.once("response", read);
    stream.once("trailers", read);
    stream.on("data", () => undefined);
    stream.once("error", () => undefined);
    stream.once("close", () => {
      session.close();
      resolve(answer);
    });
    stream.end(body);
  });
}

describe("Connect unary JSON", () => {
  it("refuses a 400,000-level-deep body with INVALID_ARGUMENT, quickly", async () => {
    const body = withUnknown({ brandId: "acme" }, 400_000);
    const started = Date.now();
    const response = await post(listItems, "application/json", body);
    expect(await response.json()).toEqual({ code: "invalid_argument", message: refusal });
    expect(response.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(quickMs);
  });

  it("answers a request at the limit and refuses one a level deeper", async () => {
    const atLimit = await post(listItems, "application/json", withUnknown({ brandId: "acme" }, maxDepth - 1));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toMatchObject({ items: [{ sku: "MUG-1" }] });
    const over = await post(listItems, "application/json", withUnknown({ brandId: "acme" }, maxDepth));
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({ code: "invalid_argument", message: refusal });
  });

  it("counts brackets inside strings as text", async () => {
    const request = { brandId: "acme", query: '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{\\"' };
    const response = await post(listItems, "application/json", JSON.stringify(request));
    expect(response.status).toBe(200);
  });

  it("inflates a gzip body before judging it: a few kilobytes can hold 400,000 levels", async () => {
    const body = gzipSync(withUnknown({ brandId: "acme" }, 400_000));
    expect(body.byteLength).toBeLessThan(5_000);
    const response = await post(listItems, "application/json", body, { "content-encoding": "gzip" });
    expect(await response.json()).toEqual({ code: "invalid_argument", message: refusal });
    const fine = gzipSync(withUnknown({ brandId: "acme" }, 3));
    expect((await post(listItems, "application/json", fine, { "content-encoding": "gzip" })).status).toBe(200);
  });
});

describe("enveloped JSON", () => {
  const stream = { "connect-protocol-version": "1" };

  it("opens a Connect JSON stream whose length prefix holds bracket and quote bytes", async () => {
    // Padded to 0x5B22 bytes, the prefix ends in `["`: read as JSON, it would open a level and a string.
    const payload = JSON.stringify({ brandId: "acme", skus: ["MUG-1"] }).padEnd(0x5b22, " ");
    const body = envelope(payload);
    expect(body.subarray(3, 5).toString("latin1")).toBe('["');
    const controller = new AbortController();
    const response = await fetch(new URL(watchStock, waybill.url), {
      method: "POST",
      headers: { "content-type": "application/connect+json", authorization: `Bearer ${token}`, ...stream },
      body: new Uint8Array(body),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    let first = Buffer.alloc(0);
    while (first.byteLength < 5 || first.byteLength < 5 + first.readUInt32BE(1)) {
      const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      first = Buffer.concat([first, value]);
    }
    controller.abort();
    expect(first[0]).toBe(0);
    expect(JSON.parse(first.subarray(5, 5 + first.readUInt32BE(1)).toString("utf8"))).toMatchObject({
      stock: { sku: "MUG-1" },
    });
  });

  it("refuses a deep Connect JSON stream request in an end-stream message", async () => {
    const body = envelope(withUnknown({ brandId: "acme", skus: ["MUG-1"] }, 100_000));
    const started = Date.now();
    const response = await post(watchStock, "application/connect+json", body, stream);
    expect(response.status).toBe(200);
    expect(await envelopesOf(response)).toEqual([
      { flags: 0b10, json: { error: { code: "invalid_argument", message: refusal } } },
    ]);
    expect(Date.now() - started).toBeLessThan(quickMs);
  });

  it("refuses a deep gRPC-Web JSON request with status INVALID_ARGUMENT", async () => {
    const body = envelope(withUnknown({ brandId: "acme" }, 100_000));
    const response = await post(listItems, "application/grpc-web+json", body, { "x-grpc-web": "1" });
    const text = Buffer.from(await response.arrayBuffer()).toString("latin1");
    const status = response.headers.get("grpc-status") ?? /grpc-status:\s*(\d+)/.exec(text)?.[1];
    expect(status).toBe(String(Code.InvalidArgument));
    const message = response.headers.get("grpc-message") ?? /grpc-message:\s*([^\r\n]*)/.exec(text)?.[1] ?? "";
    expect(decodeURIComponent(message)).toBe(refusal);
  });

  it("refuses a deep gRPC JSON request over HTTP/2 with status INVALID_ARGUMENT, and answers a shallow one", async () => {
    const deep = await grpcJson(listItems, envelope(withUnknown({ brandId: "acme" }, 100_000)));
    expect(deep.status).toBe(String(Code.InvalidArgument));
    expect(decodeURIComponent(deep.message ?? "")).toBe(refusal);
    const shallow = await grpcJson(listItems, envelope(withUnknown({ brandId: "acme" }, 3)));
    expect(shallow.status).toBe("0");
  });
});
