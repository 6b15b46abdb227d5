import type { DescEnum, DescField, DescMessage } from "@bufbuild/protobuf";
import { commentOf } from "./comments.js";
import { enumSchema } from "./enum-schema.js";
import type { JsonSchema, SchemaRefs } from "./json-schema.js";
import { mapKeySchema, scalarSchema } from "./scalar-schema.js";
import { applyRules, rulesOf } from "./validate-rules.js";
import { wellKnownSchema } from "./well-known-schema.js";

/**
 * The schema of one field's JSON value: scalars per the JSON mapping, messages and enums by
 * `$ref` (well-known types inline in their JSON form), repeated fields as arrays, maps as
 * objects with `additionalProperties`; the field's comment as description, its buf.validate
 * rules as JSON Schema keywords.
 */
export function fieldSchema(field: DescField, refs: SchemaRefs): JsonSchema {
  let schema: JsonSchema;
  let enumDesc: DescEnum | undefined;
  switch (field.fieldKind) {
    case "scalar":
      schema = scalarSchema(field.scalar);
      break;
    case "enum":
      enumDesc = field.enum;
      schema = typeSchema(field.enum, refs);
      break;
    case "message":
      schema = typeSchema(field.message, refs);
      break;
    case "list": {
      const items =
        field.listKind === "scalar"
          ? scalarSchema(field.scalar)
          : typeSchema(field.listKind === "enum" ? field.enum : field.message, refs);
      if (field.listKind === "enum") enumDesc = field.enum;
      schema = { type: "array", items };
      break;
    }
    case "map": {
      const values =
        field.mapKind === "scalar"
          ? scalarSchema(field.scalar)
          : typeSchema(field.mapKind === "enum" ? field.enum : field.message, refs);
      const keys = mapKeySchema(field.mapKey);
      schema = { type: "object", additionalProperties: values, ...(keys ? { propertyNames: keys } : {}) };
      break;
    }
  }
  const comment = commentOf(field);
  if (comment) schema = { ...schema, description: joinDescriptions(comment, schema.description) };
  const rules = rulesOf(field);
  return rules ? applyRules(schema, rules, enumDesc) : schema;
}

/** A message or enum: the well-known types inline, the rest by reference to its component. */
function typeSchema(desc: DescMessage | DescEnum, refs: SchemaRefs): JsonSchema {
  if (desc.kind === "message") return wellKnownSchema(desc) ?? refs.ref(desc);
  if (desc.typeName === "google.protobuf.NullValue") return enumSchema(desc);
  return refs.ref(desc);
}

function joinDescriptions(comment: string, typeDescription: unknown): string {
  return typeof typeDescription === "string" ? `${comment}\n\n${typeDescription}` : comment;
}
