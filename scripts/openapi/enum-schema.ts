import type { DescEnum } from "@bufbuild/protobuf";
import { commentOf } from "./comments.js";
import type { JsonSchema } from "./json-schema.js";

/**
 * The schema of an enum as the protobuf JSON mapping writes it: the value's name. Connect also
 * accepts the number in requests; the description lists every value with its number and comment.
 */
export function enumSchema(desc: DescEnum): JsonSchema {
  if (desc.typeName === "google.protobuf.NullValue") return { type: "null" };
  const values = desc.values.map((value) => {
    const comment = commentOf(value).replace(/\s+/g, " ");
    return `- \`${value.name}\` (${value.number})${comment ? `: ${comment}` : ""}`;
  });
  const note = "Sent by name; requests may also give the number.";
  return {
    type: "string",
    enum: desc.values.map((value) => value.name),
    description: [commentOf(desc), note, values.join("\n")].filter(Boolean).join("\n\n"),
  };
}
