import { Violation } from "@bufbuild/protovalidate";
import type { Visited } from "./walk-request.js";

/**
 * Whether `text` holds a C0 control character or DEL, except tab, line feed and carriage return.
 * NUL cannot be stored by PostgreSQL at all (`invalid byte sequence ... 0x00`), and the others
 * have no place in names, addresses, references or queries; tab and line breaks are kept because
 * free text (a reason, a rider's note) may span lines. Fields that must be one line already say so
 * with a pattern in the contracts.
 */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/**
 * The violation of a string (a field, a list item, a map key or value) that holds a control
 * character (see {@link hasControlCharacter}), naming its path, e.g. `address.lines[1]`; one rule
 * for every RPC, present and future, instead of a pattern on each string field of the contracts.
 */
export function controlCharacterViolation({ value, path, forKey }: Visited): Violation | undefined {
  if (typeof value !== "string" || !hasControlCharacter(value)) return undefined;
  return new Violation(
    "must not contain control characters (only tab and line breaks are allowed)",
    "string.no_control_characters",
    path.toPath(),
    [],
    forKey,
  );
}
