// Byte values the scanner reacts to. Every other byte, including each byte of a multi-byte UTF-8
// character (all 0x80 and above), only passes through.
const quote = 0x22; // "
const backslash = 0x5c; // \
const openBrace = 0x7b; // {
const openBracket = 0x5b; // [
const closeBrace = 0x7d; // }
const closeBracket = 0x5d; // ]

/**
 * Follows how deeply one JSON text nests objects and arrays while its bytes arrive, in chunks
 * split anywhere (inside a string, between a backslash and the character it escapes). Brackets
 * inside strings do not count. It does not check that the text is JSON: on any valid prefix it
 * sees the nesting `JSON.parse` would build, and `JSON.parse` refuses the first byte that is not.
 * Once the text has gone deeper than `maxDepth` it stays refused.
 */
export class JsonNestingScanner {
  readonly #maxDepth: number;
  #depth = 0;
  #deepest = 0;
  #inString = false;
  #escaped = false;

  /** @param maxDepth the deepest nesting allowed: `{}` is 1 level, `{"a":[]}` 2. */
  constructor(maxDepth: number) {
    this.#maxDepth = maxDepth;
  }

  /**
   * Reads `bytes[from, to)`, the next bytes of the text. Returns `false` once the text has nested
   * deeper than the limit (it stops reading there), `true` while it has not.
   */
  write(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
    if (this.#deepest > this.#maxDepth) return false;
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    let deepest = this.#deepest;
    for (let i = from; i < to; i++) {
      const byte = bytes[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === backslash) escaped = true;
        else if (byte === quote) inString = false;
      } else if (byte === quote) {
        inString = true;
      } else if (byte === openBrace || byte === openBracket) {
        depth++;
        if (depth > deepest) {
          deepest = depth;
          if (deepest > this.#maxDepth) break;
        }
      } else if ((byte === closeBrace || byte === closeBracket) && depth > 0) {
        // A closer without its opener is invalid JSON, which JSON.parse refuses by itself.
        depth--;
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    this.#deepest = deepest;
    return deepest <= this.#maxDepth;
  }

  /** The deepest nesting seen so far (stops counting one past the limit). */
  get deepest(): number {
    return this.#deepest;
  }
}
