import { type DescEnum, type DescField, type DescMessage, getOption, hasOption, toJson } from "@bufbuild/protobuf";
import { FeatureSet_FieldPresence } from "@bufbuild/protobuf/wkt";
import {
  FieldRulesSchema,
  field as fieldRulesOption,
  message as messageRulesOption,
} from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { type JsonSchema, withNote } from "./json-schema.js";

/**
 * A field's buf.validate rules in their JSON form: only the rules that are set, keyed by kind
 * (`string`, `int64`, `enum`, `repeated`…), 64-bit numbers as strings.
 */
export type Rules = { readonly [key: string]: unknown };

const numericKinds = [
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint32",
  "sint64",
  "fixed32",
  "fixed64",
  "sfixed32",
  "sfixed64",
  "float",
  "double",
];

/** The buf.validate rules of a field (the `(buf.validate.field)` option), if it has any. */
export function rulesOf(field: DescField): Rules | undefined {
  if (!hasOption(field, fieldRulesOption)) return undefined;
  return toJson(FieldRulesSchema, getOption(field, fieldRulesOption)) as Rules;
}

/** The messages of a message's own CEL rules (`(buf.validate.message).cel`), to describe them. */
export function messageRuleNotes(message: DescMessage): string[] {
  if (!hasOption(message, messageRulesOption)) return [];
  return getOption(message, messageRulesOption).cel.map((rule) => rule.message || rule.expression);
}

/**
 * `schema` with the rules that JSON Schema can say: lengths, patterns, formats, ranges, item
 * counts, allowed enum values. CEL rules are described in words. Ranges of 64-bit integers
 * (decimal strings in JSON) are described, since JSON Schema bounds only numbers.
 */
export function applyRules(schema: JsonSchema, rules: Rules, enumDesc?: DescEnum): JsonSchema {
  let result = { ...schema };
  const string = rules.string as Rules | undefined;
  if (string) {
    if (string.len !== undefined)
      Object.assign(result, { minLength: Number(string.len), maxLength: Number(string.len) });
    if (string.minLen !== undefined) result.minLength = Number(string.minLen);
    if (string.maxLen !== undefined) result.maxLength = Number(string.maxLen);
    if (string.pattern !== undefined) result.pattern = string.pattern;
    if (string.const !== undefined) result.const = string.const;
    if (string.in !== undefined) result.enum = string.in;
    for (const format of ["uuid", "email", "hostname", "uri", "ipv4", "ipv6"]) {
      if (string[format] === true) result.format = format;
    }
    if (string.uriRef === true) result.format = "uri-reference";
  }
  for (const kind of numericKinds) {
    const numeric = rules[kind] as Rules | undefined;
    if (numeric) result = numericRules(result, numeric, kind.endsWith("64") && kind !== "double");
  }
  const enumRules = rules.enum as Rules | undefined;
  if (enumRules && enumDesc) result = enumValueRules(result, enumRules, enumDesc);
  const repeated = rules.repeated as Rules | undefined;
  if (repeated) {
    if (repeated.minItems !== undefined) result.minItems = Number(repeated.minItems);
    if (repeated.maxItems !== undefined) result.maxItems = Number(repeated.maxItems);
    if (repeated.unique === true) result.uniqueItems = true;
    if (repeated.items && typeof result.items === "object" && result.items !== null) {
      result.items = applyRules(result.items as JsonSchema, repeated.items as Rules, enumDesc);
    }
  }
  const map = rules.map as Rules | undefined;
  if (map?.minPairs !== undefined) result.minProperties = Number(map.minPairs);
  if (map?.maxPairs !== undefined) result.maxProperties = Number(map.maxPairs);
  const cel = (rules.cel as ReadonlyArray<Rules> | undefined) ?? [];
  const notes = cel.map((rule) => String(rule.message ?? rule.expression));
  if (notes.length > 0) result = withNote(result, `Rules: ${notes.join("; ")}.`);
  return result;
}

function numericRules(schema: JsonSchema, rules: Rules, asString: boolean): JsonSchema {
  const bounds: [string, string, string][] = [
    ["gt", "exclusiveMinimum", "more than"],
    ["gte", "minimum", "at least"],
    ["lt", "exclusiveMaximum", "less than"],
    ["lte", "maximum", "at most"],
  ];
  const result = { ...schema };
  const words: string[] = [];
  for (const [rule, keyword, phrase] of bounds) {
    if (rules[rule] === undefined) continue;
    if (asString) words.push(`${phrase} ${rules[rule]}`);
    else result[keyword] = Number(rules[rule]);
  }
  if (asString && words.length > 0) result.examples = [String(exampleWithin(rules))];
  if (rules.const !== undefined) result.const = asString ? String(rules.const) : Number(rules.const);
  if (Array.isArray(rules.in)) result.enum = rules.in.map((value) => (asString ? String(value) : Number(value)));
  return words.length > 0 ? withNote(result, `Value: ${words.join(", ")}.`) : result;
}

/** 0 if the bounds allow it, else the bound nearest to it (a 64-bit range's example). */
function exampleWithin(rules: Rules): bigint {
  const bound = (key: string, step: bigint) =>
    rules[key] === undefined ? undefined : BigInt(String(rules[key])) + step;
  const lowest = bound("gte", 0n) ?? bound("gt", 1n);
  const highest = bound("lte", 0n) ?? bound("lt", -1n);
  if (lowest !== undefined && lowest > 0n) return lowest;
  if (highest !== undefined && highest < 0n) return highest;
  return 0n;
}

function enumValueRules(schema: JsonSchema, rules: Rules, desc: DescEnum): JsonSchema {
  const nameOf = (number: unknown) => desc.values.find((value) => value.number === Number(number))?.name;
  const result = { ...schema };
  if (Array.isArray(rules.in)) result.enum = rules.in.map(nameOf).filter((name) => name !== undefined);
  if (rules.const !== undefined) result.const = nameOf(rules.const);
  if (Array.isArray(rules.notIn) && rules.notIn.length > 0) {
    result.not = { enum: rules.notIn.map(nameOf).filter((name) => name !== undefined) };
  }
  return result;
}

/**
 * Whether the rules refuse the field's zero value, which is what a field left out of a JSON
 * request has (for fields without presence): then the field is required in practice. Fields with
 * presence (messages, `optional`) are only checked when set, unless marked `required`.
 */
export function rejectsZeroValue(rules: Rules | undefined, field: DescField): boolean {
  if (!rules) return false;
  if (rules.required === true) return true;
  if (rules.ignore === "IGNORE_IF_ZERO_VALUE" || rules.ignore === "IGNORE_ALWAYS") return false;
  if (field.presence !== FeatureSet_FieldPresence.IMPLICIT && field.fieldKind !== "list" && field.fieldKind !== "map")
    return false;
  const string = rules.string as Rules | undefined;
  if (string) return stringRejectsEmpty(string);
  for (const kind of [...numericKinds, "enum"]) {
    const numeric = rules[kind] as Rules | undefined;
    if (numeric) return numberRejectsZero(numeric);
  }
  const repeated = rules.repeated as Rules | undefined;
  if (repeated?.minItems !== undefined) return Number(repeated.minItems) > 0;
  const map = rules.map as Rules | undefined;
  if (map?.minPairs !== undefined) return Number(map.minPairs) > 0;
  return false;
}

function stringRejectsEmpty(rules: Rules): boolean {
  if (Number(rules.minLen ?? 0) > 0 || Number(rules.len ?? 0) > 0) return true;
  if (rules.const !== undefined && rules.const !== "") return true;
  if (Array.isArray(rules.in) && !rules.in.includes("")) return true;
  const formats = ["uuid", "email", "hostname", "uri", "ipv4", "ipv6", "ip", "address", "tuuid", "ulid"];
  if (formats.some((format) => rules[format] === true)) return true;
  if (typeof rules.pattern === "string") {
    try {
      return !new RegExp(rules.pattern).test("");
    } catch {
      return false;
    }
  }
  return false;
}

function numberRejectsZero(rules: Rules): boolean {
  const bound = (key: string) => (rules[key] === undefined ? undefined : Number(rules[key]));
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  if ((gt !== undefined && gt >= 0) || (gte !== undefined && gte > 0)) return true;
  if ((lt !== undefined && lt <= 0) || (lte !== undefined && lte < 0)) return true;
  if (rules.const !== undefined && Number(rules.const) !== 0) return true;
  if (Array.isArray(rules.in) && !rules.in.map(Number).includes(0)) return true;
  return Array.isArray(rules.notIn) && rules.notIn.map(Number).includes(0);
}
