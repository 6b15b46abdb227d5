import { JsonNestingScanner } from "./json-nesting-scanner.js";

/** Decompresses one message, or resolves `undefined` when it does not decompress within the limit. */
export type Inflate = (bytes: Uint8Array) => Promise<Uint8Array | undefined>;

// Connect streaming, gRPC and gRPC-Web frame each message as: flags (1 byte), length (4 bytes,
// big-endian), then the message. Bit 0 of the flags says the message is compressed.
const prefixBytes = 5;
const compressedFlag = 0b1;

/**
 * Follows the nesting of each JSON message in an enveloped request body (Connect streaming,
 * gRPC or gRPC-Web with `+json`), as its bytes arrive. Only the messages are scanned, never the
 * prefixes: a length byte can be `"` (0x22) or `[` (0x5B). A compressed message is held until
 * complete, then inflated and scanned, before connect-es gets its last byte and parses it.
 */
export class EnvelopedJsonNesting {
  readonly #maxDepth: number;
  readonly #inflate: Inflate | undefined;
  readonly #prefix = new Uint8Array(prefixBytes);
  #prefixFilled = 0;
  #remaining = 0;
  #scanner: JsonNestingScanner | undefined;
  #compressed: Uint8Array[] | undefined;

  /**
   * @param maxDepth the deepest nesting allowed in each message.
   * @param inflate decompresses a message flagged compressed (the request's negotiated encoding);
   *   without it such a message is not scanned, as connect-es refuses it unparsed.
   */
  constructor(maxDepth: number, inflate: Inflate | undefined) {
    this.#maxDepth = maxDepth;
    this.#inflate = inflate;
  }

  /** Reads the next bytes of the body. Resolves `false` once a message nests deeper than allowed. */
  async write(chunk: Uint8Array): Promise<boolean> {
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.#prefixFilled < prefixBytes) {
        const take = Math.min(prefixBytes - this.#prefixFilled, chunk.byteLength - at);
        this.#prefix.set(chunk.subarray(at, at + take), this.#prefixFilled);
        this.#prefixFilled += take;
        at += take;
        if (this.#prefixFilled === prefixBytes) {
          this.#startMessage();
          if (this.#remaining === 0) this.#prefixFilled = 0;
        }
        continue;
      }
      const take = Math.min(this.#remaining, chunk.byteLength - at);
      if (this.#compressed) this.#compressed.push(chunk.subarray(at, at + take));
      else if (this.#scanner && !this.#scanner.write(chunk, at, at + take)) return false;
      this.#remaining -= take;
      at += take;
      if (this.#remaining === 0) {
        this.#prefixFilled = 0;
        if (this.#compressed && !(await this.#scanCompressed(this.#compressed))) return false;
      }
    }
    return true;
  }

  #startMessage(): void {
    const view = new DataView(this.#prefix.buffer);
    this.#remaining = view.getUint32(1);
    const compressed = (this.#prefix[0] ?? 0) & compressedFlag;
    this.#scanner = compressed ? undefined : new JsonNestingScanner(this.#maxDepth);
    this.#compressed = compressed && this.#inflate ? [] : undefined;
  }

  async #scanCompressed(parts: Uint8Array[]): Promise<boolean> {
    this.#compressed = undefined;
    const message = await this.#inflate?.(Buffer.concat(parts));
    return message === undefined || new JsonNestingScanner(this.#maxDepth).write(message);
  }
}
