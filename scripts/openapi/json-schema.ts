import type { DescEnum, DescMessage } from "@bufbuild/protobuf";

/** A JSON Schema 2020-12 object (OpenAPI 3.1's schema dialect), built up as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** Where named schemas live in the document. */
const componentsPrefix = "#/components/schemas/";

/** The component name of a message or enum: its full protobuf name, e.g. `waybill.inventory.v1.Item`. */
export function componentName(desc: DescMessage | DescEnum): string {
  return desc.typeName;
}

/** A `$ref` to the named schema of a message or enum. */
export function componentRef(desc: DescMessage | DescEnum): JsonSchema {
  return { $ref: `${componentsPrefix}${componentName(desc)}` };
}

/**
 * Records the messages and enums a schema refers to, so that the document can give each its
 * component, and hands back the `$ref` to use.
 */
export interface SchemaRefs {
  /** The `$ref` of `desc`, noting that its component is needed. */
  ref(desc: DescMessage | DescEnum): JsonSchema;
}

/** Appends `text` to a schema's description, as a paragraph of its own. */
export function withNote(schema: JsonSchema, text: string): JsonSchema {
  const description = typeof schema.description === "string" ? schema.description : "";
  return { ...schema, description: description ? `${description}\n\n${text}` : text };
}
