import { describe, expect, it } from "vitest";
import { JsonNestingScanner } from "../../services/kit/server/json-nesting-scanner.js";

// The scanner follows the nesting JSON.parse would build, from bytes split anywhere.
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The deepest nesting of `text` fed in chunks of `size` bytes, with a limit never reached. */
function deepestOf(text: string, size = Number.MAX_SAFE_INTEGER): number {
  const bytes = utf8(text);
  const scanner = new JsonNestingScanner(1_000_000);
  for (let at = 0; at < bytes.byteLength; at += size) scanner.write(bytes, at, Math.min(at + size, bytes.byteLength));
  return scanner.deepest;
}

/** The depth of `JSON.parse(text)`, for comparison. */
function parsedDepth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(parsedDepth));
}

const samples = [
  "{}",
  "[]",
  "1",
  '"[[[{{{"',
  '{"a":[1,{"b":[[]]}]}',
  '{"x":"]]]}}}","y":[[["[{"]]]}',
  '{"q":"a \\" [[[ still a string","z":[]}',
  '{"b":"ends in a backslash \\\\","c":[[[]]]}',
  '{"b":"\\\\\\"[[[\\\\","c":{}}',
  '{"u":"\\u005b\\u007b\\u0022","v":[{}]}',
  '{"é":"日本[語","ß":[{"€":["🙂"]}]}',
  ' \n\t[ [ { "k" : [ ] } ] ] ',
];

describe("JsonNestingScanner", () => {
  it.each(samples)("sees the nesting JSON.parse builds, whole and split at every byte: %s", (text) => {
    const expected = parsedDepth(JSON.parse(text));
    expect(deepestOf(text)).toBe(expected);
    for (let size = 1; size <= 7; size++) expect(deepestOf(text, size), `chunks of ${size}`).toBe(expected);
  });

  it("carries an escape across a chunk boundary", () => {
    // `\` ends the first chunk; the `"` it escapes starts the second, so the string goes on.
    const scanner = new JsonNestingScanner(2);
    expect(scanner.write(utf8('{"a":"x\\'))).toBe(true);
    expect(scanner.write(utf8('" [[[[[ still inside",'))).toBe(true);
    expect(scanner.write(utf8('"b":[1]}'))).toBe(true);
    expect(scanner.deepest).toBe(2);
  });

  it("allows the limit and refuses one level more, at the bracket that goes over", () => {
    const atLimit = `${"[".repeat(64)}${"]".repeat(64)}`;
    expect(new JsonNestingScanner(64).write(utf8(atLimit))).toBe(true);
    const over = new JsonNestingScanner(64);
    const bytes = utf8(`{"x":${"[".repeat(64)}`);
    expect(over.write(bytes, 0, bytes.byteLength - 1)).toBe(true);
    expect(over.write(bytes, bytes.byteLength - 1)).toBe(false);
    expect(over.deepest).toBe(65);
  });

  it("stays refused once over, even when the text closes again", () => {
    const scanner = new JsonNestingScanner(3);
    expect(scanner.write(utf8("[[[["))).toBe(false);
    expect(scanner.write(utf8("]]]]"))).toBe(false);
  });

  it("does not let closers without openers buy depth", () => {
    const scanner = new JsonNestingScanner(3);
    expect(scanner.write(utf8("]]]]]]]]"))).toBe(true);
    expect(scanner.write(utf8("[[[["))).toBe(false);
  });

  it("refuses a million levels in one pass, quickly", () => {
    const levels = 1_000_000;
    const bytes = utf8(`{"x":${"[".repeat(levels)}${"]".repeat(levels)}}`);
    const started = performance.now();
    expect(new JsonNestingScanner(64).write(bytes)).toBe(false);
    const scanner = new JsonNestingScanner(levels + 1);
    expect(scanner.write(bytes)).toBe(true);
    expect(scanner.deepest).toBe(levels + 1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
