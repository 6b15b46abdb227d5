import type { IncomingHttpHeaders } from "node:http";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Compression } from "@connectrpc/connect/protocol";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";
import { EnvelopedJsonNesting, type Inflate } from "./json-nesting-envelopes.js";
import { JsonNestingScanner } from "./json-nesting-scanner.js";

/** Follows the nesting of a JSON request body as it arrives (see {@link guardJsonNesting}). */
export interface JsonNestingGuard {
  /** Reads the next chunk of the body. Resolves `false` once a message nests deeper than allowed. */
  write(chunk: Uint8Array): Promise<boolean>;
  /** The body has ended. Resolves `false` when it nests deeper than allowed. */
  end(): Promise<boolean>;
}

// What connect-node accepts by default (createRoutes sets no `acceptCompression`), by the name a
// request's encoding header gives; connect-es refuses any other name before it reads the body.
const compressions: readonly Compression[] = [compressionGzip, compressionBrotli];

/**
 * The guard for a request body that connect-es would parse as JSON (`application/json`, or
 * `application/connect+json`, `application/grpc+json`, `application/grpc-web+json`), or
 * `undefined` for anything else: binary protobuf is bounded by protobuf-es itself (a recursion
 * limit of 100), and a body connect-es refuses unparsed (unknown type or encoding) needs none.
 * A compressed message is inflated (to at most `maxBytes`, what connect-es also allows) and
 * scanned before connect-es can parse it: a few kilobytes of gzip can hold a million brackets.
 */
export function guardJsonNesting(
  headers: IncomingHttpHeaders,
  maxDepth: number,
  maxBytes: number,
): JsonNestingGuard | undefined {
  const type = String(headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (type === "application/json") {
    const inflate = inflaterOf(headers["content-encoding"], maxBytes);
    return inflate === "unknown" ? undefined : unaryGuard(maxDepth, inflate);
  }
  // connect-es's own pattern for Connect streaming lets the `+` out.
  const enveloped = /^application\/(connect\+?|grpc\+|grpc-web\+)json$/.exec(type ?? "");
  if (!enveloped) return undefined;
  const encoding = enveloped[1]?.startsWith("connect") ? headers["connect-content-encoding"] : headers["grpc-encoding"];
  const inflate = inflaterOf(encoding, maxBytes);
  if (inflate === "unknown") return undefined;
  const envelopes = new EnvelopedJsonNesting(maxDepth, inflate);
  return { write: (chunk) => envelopes.write(chunk), end: async () => true };
}

/** The refusal of a JSON request that nests deeper than `maxDepth`. */
export function jsonTooDeep(maxDepth: number): ConnectError {
  return new ConnectError(
    `the JSON request nests deeper than ${maxDepth} levels (REQUEST_MAX_JSON_DEPTH)`,
    Code.InvalidArgument,
  );
}

/** A unary body is one message: scanned as it comes, or inflated and scanned once it has all come. */
function unaryGuard(maxDepth: number, inflate: Inflate | undefined): JsonNestingGuard {
  const scanner = new JsonNestingScanner(maxDepth);
  if (!inflate) return { write: async (chunk) => scanner.write(chunk), end: async () => true };
  // connect-es parses only after the body's end, which this guard sees first.
  const parts: Uint8Array[] = [];
  return {
    write: async (chunk) => {
      parts.push(chunk);
      return true;
    },
    end: async () => {
      const body = await inflate(Buffer.concat(parts));
      return body === undefined || scanner.write(body);
    },
  };
}

/**
 * How to inflate a message of the encoding named by `header`: `undefined` when it is not
 * compressed, `"unknown"` when connect-es will refuse the encoding itself.
 */
function inflaterOf(header: string | string[] | undefined, maxBytes: number): Inflate | undefined | "unknown" {
  if (header === undefined || header === "identity") return undefined;
  const compression = compressions.find((c) => c.name === header);
  if (!compression) return "unknown";
  // What does not inflate within the limit, connect-es refuses in its own words.
  return (bytes) => compression.decompress(bytes, maxBytes).catch(() => undefined);
}
