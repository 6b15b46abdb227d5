import type { DescMessage } from "@bufbuild/protobuf";
import type { Prng } from "./prng.js";
import { randomString } from "./random-message.js";

/**
 * Broken bodies: protobuf binary encodings mutated byte-wise and by wire-format tricks, and JSON
 * bodies of the wrong shape. Everything here is deterministic given the generator.
 */

/** `value` as a protobuf varint. */
function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

/** A field with `number` and `wireType` followed by a payload of that wire type (or a wrong one). */
function fieldBytes(rng: Prng, number: number, wireType: number): number[] {
  const tag = varint((BigInt(number) << 3n) | BigInt(wireType));
  const payload = (() => {
    switch (wireType) {
      case 0:
        return varint(BigInt.asUintN(64, BigInt(rng.int(2 ** 31)) * BigInt(rng.int(2 ** 31))));
      case 1:
        return [...rng.bytes(8)];
      case 2: {
        const body = [...rng.bytes(rng.int(20))];
        // Sometimes a length that runs past the end of the body.
        return [...varint(BigInt(rng.chance(0.2) ? 0xffffffff : body.length)), ...body];
      }
      case 5:
        return [...rng.bytes(4)];
      default:
        return []; // group start/end (3, 4) or invalid wire types (6, 7)
    }
  })();
  return [...tag, ...payload];
}

/** Unknown groups nested `depth` levels deep, to probe the decoder's recursion. */
function nestedGroups(depth: number): number[] {
  const start = varint((1000n << 3n) | 3n);
  const end = varint((1000n << 3n) | 4n);
  return [...Array.from({ length: depth }, () => start).flat(), ...Array.from({ length: depth }, () => end).flat()];
}

/** A mutation of a valid encoding of a `desc` message; returns the new bytes and what was done. */
export function mutateBinary(rng: Prng, desc: DescMessage, valid: Uint8Array): { bytes: Uint8Array; how: string } {
  const numbers = desc.fields.map((f) => f.number);
  const join = (...parts: (Uint8Array | number[])[]) =>
    Uint8Array.from(Buffer.concat(parts.map((p) => Uint8Array.from(p))));
  switch (rng.int(9)) {
    case 0: {
      const bytes = Uint8Array.from(valid);
      const flips = 1 + rng.int(8);
      for (let i = 0; i < flips && bytes.length > 0; i++) {
        const index = rng.int(bytes.length);
        bytes[index] = (bytes[index] ?? 0) ^ (1 << rng.int(8));
      }
      return { bytes, how: `${flips} bit flips` };
    }
    case 1:
      return { bytes: valid.slice(0, Math.max(0, valid.length - 1 - rng.int(8))), how: "truncated" };
    case 2:
      return { bytes: join(valid, valid), how: "every field twice" };
    case 3: {
      const number = numbers.length > 0 && rng.chance(0.8) ? rng.pick(numbers) : 1 + rng.int(600);
      const wireType = rng.pick([0, 1, 2, 3, 4, 5, 6, 7]);
      return { bytes: join(valid, fieldBytes(rng, number, wireType)), how: `field ${number} as wire type ${wireType}` };
    }
    case 4: {
      const index = rng.int(valid.length + 1);
      const noise = rng.bytes(1 + rng.int(16));
      return { bytes: join(valid.subarray(0, index), noise, valid.subarray(index)), how: "random bytes inserted" };
    }
    case 5:
      return { bytes: rng.bytes(rng.int(64)), how: "random bytes" };
    case 6:
      return { bytes: join(valid, nestedGroups(rng.pick([100, 500]))), how: "nested groups" };
    case 7:
      // A varint that never ends (every byte has its continuation bit).
      return {
        bytes: join(
          valid,
          varint(8n),
          Array.from({ length: 11 }, () => 0xff),
        ),
        how: "overlong varint",
      };
    default: {
      const field = numbers.length > 0 ? rng.pick(numbers) : 1;
      return {
        bytes: join(valid, varint((BigInt(field) << 3n) | 2n), varint(2n ** 62n)),
        how: "length beyond the body",
      };
    }
  }
}

/** A value of some JSON type, maybe of the wrong type for where it goes. */
function wrongValue(rng: Prng): unknown {
  return rng.pick<() => unknown>([
    () => randomString(rng),
    () => rng.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1]),
    () => rng.pick(["99999999999999999999999999", "1e999", "-0", "0x10", "NaN", "Infinity", " 12", "1_000"]),
    () => rng.chance(0.5),
    () => null,
    () => [randomString(rng), 1, null],
    () => ({ [randomString(rng)]: randomString(rng) }),
  ])();
}

/** `{"<key>": {"<key>": ...}}` (or nested arrays) `depth` levels deep. */
function deepJson(key: string, depth: number, arrays: boolean): string {
  return arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${`{"${key}":`.repeat(depth)}1${"}".repeat(depth)}`;
}

/** A broken JSON body for `desc`, starting from a valid JSON form (or `{}`); returns the text and what was done. */
export function mutateJson(
  rng: Prng,
  desc: DescMessage,
  valid: Record<string, unknown>,
): { text: string; how: string } {
  const names = desc.fields.flatMap((f) => [f.jsonName, f.name]);
  const object: Record<string, unknown> = { ...valid };
  const name = () => (names.length > 0 && rng.chance(0.8) ? rng.pick(names) : randomString(rng).slice(0, 40));
  switch (rng.int(8)) {
    case 0: {
      const count = 1 + rng.int(3);
      for (let i = 0; i < count; i++) object[name()] = wrongValue(rng);
      return { text: JSON.stringify(object), how: "wrong types" };
    }
    case 1:
      object[`zz_${randomString(rng).slice(0, 20)}`] = wrongValue(rng);
      return { text: JSON.stringify(object), how: "unknown field" };
    case 2: {
      const key = name();
      const arrays = rng.chance(0.3);
      const text = JSON.stringify(object).replace(
        /^\{/,
        `{"${key.replace(/["\\]/g, "")}":${deepJson(key, 500, arrays)},`,
      );
      return { text: text.replace(/,}$/, "}"), how: `500 levels deep at ${key}` };
    }
    case 3:
      for (const field of desc.fields)
        if (rng.chance(0.5))
          object[field.jsonName] = rng.pick(["99999999999999999999999999", "-1e400", "1.5", "0.0000001e7"]);
      return { text: JSON.stringify(object), how: "huge numbers as strings" };
    case 4: {
      const text = JSON.stringify(object);
      return { text: text.slice(0, rng.int(text.length)), how: "truncated" };
    }
    case 5:
      return {
        text: rng.pick(["null", "[]", '"x"', "1", "true", "", "{", '{"a":1,"a":2}', "\u0000", "{}{}"]),
        how: "not an object",
      };
    case 6: {
      // The same key twice, with different values.
      const key = name();
      const text = JSON.stringify(object).replace(
        /^\{/,
        `{"${key.replace(/["\\]/g, "")}":${JSON.stringify(wrongValue(rng))},`,
      );
      return { text: text.replace(/,}$/, "}"), how: `duplicate key ${key}` };
    }
    default:
      return { text: Buffer.from(rng.bytes(rng.int(48))).toString("latin1"), how: "random bytes" };
  }
}
