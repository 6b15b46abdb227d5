import type { DescMessage } from "@bufbuild/protobuf";
import { commentOf } from "./comments.js";
import { fieldSchema } from "./field-schema.js";
import type { JsonSchema, SchemaRefs } from "./json-schema.js";
import { messageRuleNotes, rejectsZeroValue, rulesOf } from "./validate-rules.js";

/**
 * The schema of a message's JSON object: one property per field under its JSON name
 * (lowerCamelCase), `required` listing the fields whose validation refuses them left out, and
 * for each oneof a constraint that at most one of its members is set. Fields at their default
 * are left out of responses, so a response may lack any property.
 */
export function messageSchema(message: DescMessage, refs: SchemaRefs): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of message.fields) {
    properties[field.jsonName] = fieldSchema(field, refs);
    if (rejectsZeroValue(rulesOf(field), field)) required.push(field.jsonName);
  }
  const notes = [commentOf(message)];
  const ruleNotes = messageRuleNotes(message);
  if (ruleNotes.length > 0) notes.push(`Rules: ${ruleNotes.join("; ")}.`);
  const constraints: JsonSchema[] = [];
  for (const oneof of message.oneofs) {
    const members = oneof.fields.map((field) => field.jsonName);
    notes.push(`At most one of ${members.map((name) => `\`${name}\``).join(", ")} (oneof \`${oneof.name}\`).`);
    const pairs = members.flatMap((first, i) => members.slice(i + 1).map((second) => ({ required: [first, second] })));
    if (pairs.length > 0) constraints.push({ not: { anyOf: pairs } });
  }
  const description = notes.filter(Boolean).join("\n\n");
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(constraints.length > 0 ? { allOf: constraints } : {}),
  };
}
