/** A JSON Schema of an OpenAPI document, as plain data. */
export type Schema = { readonly [keyword: string]: unknown };

/** An OpenAPI document, enough to follow `$ref`s into `components`. */
export interface OpenApiDocument {
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
  readonly [key: string]: unknown;
}

/** `schema` with its `$ref` followed (keywords beside the `$ref` kept). */
export function resolveSchema(schema: Schema, document: OpenApiDocument): Schema {
  if (typeof schema.$ref !== "string") return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  const target = document.components.schemas[name];
  if (!target) throw new Error(`no schema ${schema.$ref}`);
  const { $ref: _, ...beside } = schema;
  return { ...resolveSchema(target, document), ...beside };
}

/** Strings tried for a pattern, in order: the first that matches and fits the lengths is used. */
const candidates = ["a1", "A1", "EUR", "a", "1", "x-1", "a.b"];

/**
 * A value satisfying `schema` as a partner would write it from the document alone: objects with
 * their required properties only, strings from the pattern, format, length or enum, numbers
 * within bounds. Throws when it cannot satisfy a pattern (so that a test says so).
 */
export function exampleFor(schema: Schema, document: OpenApiDocument): unknown {
  const resolved = resolveSchema(schema, document);
  if (resolved.const !== undefined) return resolved.const;
  const excluded = ((resolved.not as Schema | undefined)?.enum as unknown[] | undefined) ?? [];
  if (Array.isArray(resolved.enum)) return resolved.enum.find((value) => !excluded.includes(value));
  switch (resolved.type) {
    case "object": {
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      const required = (resolved.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, exampleFor(properties[name] ?? {}, document)]));
    }
    case "array":
      return Array.from({ length: Number(resolved.minItems ?? 0) }, () =>
        exampleFor((resolved.items ?? {}) as Schema, document),
      );
    case "integer":
    case "number":
      return Number(resolved.minimum ?? 0);
    case "boolean":
      return false;
    case "string":
      return stringExample(resolved);
    default:
      return null;
  }
}

function stringExample(schema: Schema): string {
  if (schema.format === "uuid") return crypto.randomUUID();
  if (schema.format === "date-time") return new Date().toISOString();
  if (schema.format === "int64" || schema.format === "uint64") return "1";
  const min = Number(schema.minLength ?? 1);
  const max = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : undefined;
  const fits = (text: string) => text.length >= min && text.length <= max && (pattern?.test(text) ?? true);
  const found = [...candidates, "x".repeat(Math.max(min, 1))].find(fits);
  if (found === undefined) throw new Error(`no example for pattern ${String(schema.pattern)}`);
  return found;
}

/**
 * Where `value` departs from `schema` (empty when it conforms), for the keywords the generated
 * document uses. Objects are closed: a property the schema does not name is reported, so that
 * a JSON name that differs from the document's shows up.
 */
export function schemaMismatches(value: unknown, schema: Schema, document: OpenApiDocument, at = "$"): string[] {
  const s = resolveSchema(schema, document);
  const problems: string[] = [];
  const types = (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]) as string[];
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return [`${at}: not ${types.join("|")}`];
  if (Array.isArray(s.enum) && !s.enum.includes(value)) problems.push(`${at}: ${String(value)} not in enum`);
  if (typeof value === "string") {
    if (typeof s.pattern === "string" && !new RegExp(s.pattern).test(value)) problems.push(`${at}: pattern`);
    if (s.format === "date-time" && Number.isNaN(Date.parse(value))) problems.push(`${at}: not a date-time`);
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      problems.push(...schemaMismatches(item, (s.items ?? {}) as Schema, document, `${at}[${i}]`));
    });
  } else if (typeof value === "object" && value !== null && types.includes("object")) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const extra = s.additionalProperties as Schema | boolean | undefined;
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key] ?? (typeof extra === "object" ? extra : undefined);
      if (property) problems.push(...schemaMismatches(item, property, document, `${at}.${key}`));
      else if (extra !== true) problems.push(`${at}.${key}: not in the schema`);
    }
    for (const name of (s.required ?? []) as string[]) {
      if (!(name in value)) problems.push(`${at}.${name}: missing`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "null") return value === null;
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}
