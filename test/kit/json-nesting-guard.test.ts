import type { IncomingHttpHeaders } from "node:http";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { guardJsonNesting, jsonTooDeep } from "../../services/kit/server/json-nesting-guard.js";
import { JsonNestingScanner } from "../../services/kit/server/json-nesting-scanner.js";

// Which bodies are followed, and how: a JSON message is scanned whatever its framing (unary or
// enveloped) and compression, and an envelope's prefix never counts as JSON.
const maxDepth = 4;
const maxBytes = 1024 * 1024;
const utf8 = (text: string) => Buffer.from(text, "utf8");

/** A JSON text nesting exactly `depth` levels (`{"x":[[…]]}`), padded with spaces to `length` bytes. */
function nested(depth: number, length = 0): Buffer {
  const text = `{"x":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
  return utf8(text.padEnd(length, " "));
}

/** A 5-byte-prefixed message (Connect streaming, gRPC, gRPC-Web). */
function envelope(payload: Buffer, flags = 0): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(flags, 0);
  prefix.writeUInt32BE(payload.byteLength, 1);
  return Buffer.concat([prefix, payload]);
}

/** Feeds `body` to a guard in chunks of `size` bytes: whether it let the whole body through. */
async function passes(headers: IncomingHttpHeaders, body: Buffer, size = body.byteLength): Promise<boolean> {
  const guard = guardJsonNesting(headers, maxDepth, maxBytes);
  if (!guard) throw new Error("no guard for these headers");
  for (let at = 0; at < body.byteLength; at += Math.max(size, 1)) {
    if (!(await guard.write(body.subarray(at, at + size)))) return false;
  }
  return guard.end();
}

const unary = { "content-type": "application/json" };
const stream = { "content-type": "application/connect+json" };

describe("which bodies are guarded", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    "application/connect+json",
    "application/grpc+json",
    "application/grpc-web+json",
  ])("guards %s", (type) => {
    expect(guardJsonNesting({ "content-type": type }, maxDepth, maxBytes)).toBeDefined();
  });

  it.each([
    "application/proto",
    "application/connect+proto",
    "application/grpc",
    "application/grpc+proto",
    "application/grpc-web",
    "application/grpc-web-text+json",
    "text/plain",
    "",
  ])("leaves %s alone (binary protobuf has its own recursion limit)", (type) => {
    expect(guardJsonNesting({ "content-type": type }, maxDepth, maxBytes)).toBeUndefined();
  });

  it("leaves an encoding connect-es refuses unread to connect-es", () => {
    expect(guardJsonNesting({ ...unary, "content-encoding": "zstd" }, maxDepth, maxBytes)).toBeUndefined();
    expect(guardJsonNesting({ ...stream, "connect-content-encoding": "x" }, maxDepth, maxBytes)).toBeUndefined();
  });

  it("names the setting in an INVALID_ARGUMENT refusal", () => {
    const error = jsonTooDeep(64);
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe("the JSON request nests deeper than 64 levels (REQUEST_MAX_JSON_DEPTH)");
  });
});

describe("a unary JSON body", () => {
  it("passes at the limit and is refused one level deeper, in any chunks", async () => {
    for (const size of [1, 3, 1000]) {
      expect(await passes(unary, nested(maxDepth), size)).toBe(true);
      expect(await passes(unary, nested(maxDepth + 1), size)).toBe(false);
    }
  });

  it("is refused at the bracket that goes over, before the rest arrives", async () => {
    const guard = guardJsonNesting(unary, maxDepth, maxBytes);
    expect(await guard?.write(utf8('{"x":[[['))).toBe(true);
    expect(await guard?.write(utf8("["))).toBe(false);
  });

  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
  ])("is inflated and scanned at its end when %s-compressed", async (encoding, compress) => {
    const headers = { ...unary, "content-encoding": encoding };
    const deep = compress(nested(100_000));
    expect(deep.byteLength).toBeLessThan(2_000);
    expect(await passes(headers, compress(nested(maxDepth)), 7)).toBe(true);
    expect(await passes(headers, deep, 7)).toBe(false);
  });

  it("lets through what does not inflate within the limit, which connect-es refuses itself", async () => {
    const headers = { ...unary, "content-encoding": "gzip" };
    expect(await passes(headers, gzipSync(nested(2, maxBytes + 1)))).toBe(true);
    expect(await passes(headers, utf8("not gzip"))).toBe(true);
  });
});

describe("an enveloped JSON body", () => {
  it("never reads a prefix as JSON, whatever its length bytes are", async () => {
    // Lengths 0x5B5B and 0x225B put `[[` and `"[` in the prefix.
    for (const length of [0x5b5b, 0x225b, 0x5b22, 0x7b7b]) {
      const body = envelope(nested(maxDepth, length));
      expect(body.subarray(3, 5).toString("latin1")).toMatch(/^["[{]{2}$/);
      // Read as one JSON text, the prefix would open levels (or a string) of its own.
      const naive = new JsonNestingScanner(maxDepth);
      naive.write(body);
      expect(naive.deepest).not.toBe(maxDepth);
      expect(await passes(stream, body)).toBe(true);
      expect(await passes(stream, body, 2)).toBe(true);
      expect(await passes(stream, envelope(nested(maxDepth + 1, length)), 3)).toBe(false);
    }
  });

  it("scans each message afresh and finds a deep one among several, split at every byte", async () => {
    const shallow = envelope(nested(maxDepth));
    const body = Buffer.concat([shallow, envelope(Buffer.alloc(0)), shallow, envelope(nested(maxDepth + 1))]);
    for (let size = 1; size <= 6; size++) {
      expect(await passes(stream, Buffer.concat([shallow, shallow, shallow]), size)).toBe(true);
      expect(await passes(stream, body, size)).toBe(false);
    }
  });

  it("does not carry an open string from one message into the next", async () => {
    // The first message is cut inside a string (invalid JSON, which connect-es refuses itself).
    const body = Buffer.concat([envelope(utf8('{"x":"[[[')), envelope(nested(maxDepth + 1))]);
    expect(await passes(stream, body)).toBe(false);
  });

  it.each([
    ["application/connect+json", "connect-content-encoding"],
    ["application/grpc+json", "grpc-encoding"],
    ["application/grpc-web+json", "grpc-encoding"],
  ])("inflates a compressed %s message (%s) before its last byte goes on", async (type, header) => {
    const headers = { "content-type": type, [header]: "gzip" };
    const deep = envelope(gzipSync(nested(100_000)), 1);
    const guard = guardJsonNesting(headers, maxDepth, maxBytes);
    expect(await guard?.write(deep.subarray(0, -1))).toBe(true);
    expect(await guard?.write(deep.subarray(-1))).toBe(false);
    const body = Buffer.concat([envelope(gzipSync(nested(maxDepth)), 1), envelope(nested(maxDepth))]);
    expect(await passes(headers, body, 5)).toBe(true);
  });
});
