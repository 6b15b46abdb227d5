import type { DescMessage } from "@bufbuild/protobuf";
import type { JsonSchema } from "./json-schema.js";
import { scalarSchema } from "./scalar-schema.js";

/** The well-known types whose JSON form is not an object of their fields. */
const special: Readonly<Record<string, JsonSchema>> = {
  "google.protobuf.Timestamp": {
    type: "string",
    format: "date-time",
    description:
      "An RFC 3339 time; sent in UTC with Z and 0, 3, 6 or 9 fractional digits, e.g. 2026-01-02T03:04:05.678Z.",
  },
  "google.protobuf.Duration": {
    type: "string",
    pattern: "^-?[0-9]+(\\.[0-9]{1,9})?s$",
    description: 'A duration in seconds with an "s" suffix, e.g. "1.5s" or "-3s".',
    examples: ["1.5s"],
  },
  "google.protobuf.FieldMask": {
    type: "string",
    description: 'Field paths in lowerCamelCase, comma-separated, e.g. "name,unitPrice".',
  },
  "google.protobuf.Struct": { type: "object", additionalProperties: true, description: "Any JSON object." },
  "google.protobuf.Value": { description: "Any JSON value." },
  "google.protobuf.ListValue": { type: "array", items: {}, description: "Any JSON array." },
  "google.protobuf.Empty": { type: "object", properties: {}, description: "An empty object." },
  "google.protobuf.Any": {
    type: "object",
    required: ["@type"],
    properties: { "@type": { type: "string", description: "type.googleapis.com/ followed by the message name" } },
    additionalProperties: true,
    description: "A message of any type: its fields beside @type (or `value` for well-known types).",
  },
};

/** The wrapper messages, written as their wrapped value (or null for none). */
const wrappers = new Set(
  ["Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes"].map(
    (name) => `google.protobuf.${name}Value`,
  ),
);

/**
 * The inline schema of a well-known type with a JSON form of its own (Timestamp as an RFC 3339
 * string, Duration as "1.5s", wrappers as their value, Struct, Value, FieldMask, Any, Empty), or
 * undefined for an ordinary message.
 */
export function wellKnownSchema(message: DescMessage): JsonSchema | undefined {
  const known = special[message.typeName];
  if (known) return structuredClone(known);
  if (!wrappers.has(message.typeName)) return undefined;
  const value = message.fields.find((field) => field.name === "value");
  if (value?.fieldKind !== "scalar") return undefined;
  return { ...scalarSchema(value.scalar), description: `${message.name}: the value itself.` };
}
