import { ScalarType } from "@bufbuild/protobuf";
import type { JsonSchema } from "./json-schema.js";

/** A 64-bit integer in JSON: a decimal string, because JSON numbers lose precision above 2^53. */
// The example keeps generated request bodies (swagger-ui's "Try it out") within range.
const int64 = { type: "string", format: "int64", pattern: "^-?[0-9]+$", examples: ["0"] } as const;
const uint64 = { type: "string", format: "uint64", pattern: "^[0-9]+$", examples: ["0"] } as const;

/**
 * The JSON Schema of a scalar as the protobuf JSON mapping writes it (what connect-es sends):
 * 32-bit integers and floats as numbers, 64-bit integers as decimal strings, bytes as base64.
 * (Parsing is laxer: numbers may also come as strings, 64-bit integers as numbers, and floats as
 * "NaN", "Infinity" or "-Infinity".)
 */
export function scalarSchema(scalar: ScalarType): JsonSchema {
  switch (scalar) {
    case ScalarType.DOUBLE:
      return { type: "number", format: "double" };
    case ScalarType.FLOAT:
      return { type: "number", format: "float" };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { type: "integer", format: "int32" };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: "integer", format: "uint32", minimum: 0 };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { ...int64, examples: [...int64.examples] };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { ...uint64, examples: [...uint64.examples] };
    case ScalarType.BOOL:
      return { type: "boolean" };
    case ScalarType.STRING:
      return { type: "string" };
    case ScalarType.BYTES:
      return { type: "string", format: "byte", contentEncoding: "base64" };
  }
}

/** Whether a scalar is written as a JSON string holding a 64-bit integer. */
export function isInt64(scalar: ScalarType): boolean {
  return scalarSchema(scalar).type === "string" && scalar !== ScalarType.STRING && scalar !== ScalarType.BYTES;
}

/**
 * The schema of a map's keys, which JSON always writes as strings: integers in decimal, booleans
 * as "true" or "false". Undefined for string keys (anything goes).
 */
export function mapKeySchema(scalar: ScalarType): JsonSchema | undefined {
  switch (scalar) {
    case ScalarType.STRING:
      return undefined;
    case ScalarType.BOOL:
      return { enum: ["true", "false"] };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { pattern: "^[0-9]+$" };
    default:
      return { pattern: "^-?[0-9]+$" };
  }
}
