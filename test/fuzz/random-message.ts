import { create, type DescField, type DescMessage, type Message, ScalarType } from "@bufbuild/protobuf";
import type { Prng } from "./prng.js";

/**
 * Valid-shaped requests with random contents, built from a message's descriptor: every field may
 * be set, to extreme, odd or plausible values (plausible ones get past validation, so handlers
 * and storage see random input too, not only the validator).
 */

/** Strings that look like what the services expect: ids, codes, addresses. */
const plausible = [
  "acme",
  "globex",
  "MUG-1",
  "SKU-42",
  "EUR",
  "USD",
  "zone-1",
  "k1",
  "a@example.com",
  "http://127.0.0.1:9/hook",
  "https://example.com",
  "+4915112345678",
  "00000000-0000-4000-8000-000000000000",
  "0190f7a2-5c1e-7000-8000-000000000001",
  "2026-01-01T00:00:00Z",
  "name",
  "unit_price",
];

/** Strings that are hard to handle: empty, control characters, unicode, injection-shaped. */
const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m\r\n",
  "\u202eevil\u202c",
  "e\u0301\u0301\u0301",
  "😀👍🏽🇩🇪",
  "\ud800",
  "\uffff\ufffe",
  "'; DROP TABLE items; --",
  "%s%n%x",
  "../../etc/passwd",
  "{{name}}<script>alert(1)</script>",
  "null",
  "-9223372036854775809",
  "１２３",
];

/**
 * A random string: plausible, nasty, random code points, or long (up to 80 KB, within the request
 * limit); `short` leaves out the long ones (elements of lists and maps, to keep bodies small).
 */
export function randomString(rng: Prng, short = false): string {
  switch (rng.int(short ? 4 : 6)) {
    case 0:
    case 1:
      return rng.pick(plausible) + (rng.chance(0.3) ? `-${rng.int(1000)}` : "");
    case 2:
      return rng.pick(nasty);
    case 3: {
      const length = rng.int(40);
      let out = "";
      for (let i = 0; i < length; i++) out += String.fromCodePoint(rng.chance(0.7) ? rng.int(0x80) : rng.int(0x10ffff));
      return out.replace(/[\ud800-\udfff]/g, "?");
    }
    case 4:
      return rng.pick(["a", "é", "😀", "x\u0000"]).repeat(rng.chance(0.9) ? rng.pick([256, 1_000, 5_000]) : 20_000);
    default:
      return rng.chance(0.5) ? rng.pick(plausible).repeat(1 + rng.int(300)) : String(rng.int(100));
  }
}

const int32s = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 1000, -1000];
const uint32s = [0, 1, 2 ** 32 - 1, 2 ** 31, 1000];
const int64s = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 9_007_199_254_740_993n, 1000n, -1000n];
const uint64s = [0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 1000n];
const doubles = [0, -0, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, 5e-324];

/** A random value of a scalar type, within the type's range (so that it encodes). */
export function randomScalar(rng: Prng, type: ScalarType, short = false): unknown {
  const small = rng.chance(0.5);
  switch (type) {
    case ScalarType.STRING:
      return randomString(rng, short);
    case ScalarType.BOOL:
      return rng.chance(0.5);
    case ScalarType.BYTES:
      return rng.bytes(rng.pick([0, 1, 16, 300]));
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return small ? rng.int(200) - 50 : rng.pick(int32s);
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return small ? rng.int(200) : rng.pick(uint32s);
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return small ? BigInt(rng.int(20_000) - 5_000) : rng.pick(int64s);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return small ? BigInt(rng.int(20_000)) : rng.pick(uint64s);
    case ScalarType.FLOAT:
      return Math.fround(rng.pick(doubles));
    default:
      return small ? rng.next() * 1000 : rng.pick(doubles);
  }
}

/** How many entries a repeated field or map gets: mostly few, sometimes many. */
function randomLength(rng: Prng): number {
  return rng.pick([0, 1, 1, 2, 3, 5, 20, 200]);
}

/** The init value of one field (a list or map as a whole; their elements kept short). */
function randomFieldValue(rng: Prng, field: DescField, depth: number): unknown {
  const short = field.fieldKind === "list" || field.fieldKind === "map" || depth > 0;
  const one = (kind: "scalar" | "enum" | "message"): unknown => {
    if (kind === "enum" && field.enum) {
      return rng.chance(0.8) ? rng.pick(field.enum.values).number : rng.pick([-1, 99, 2 ** 31 - 1]);
    }
    if (kind === "message" && field.message) return randomInit(rng, field.message, depth + 1);
    return randomScalar(rng, field.scalar ?? ScalarType.STRING, short);
  };
  switch (field.fieldKind) {
    case "list":
      return Array.from({ length: randomLength(rng) }, () => one(field.listKind));
    case "map": {
      const entries: Record<string, unknown> = {};
      for (let i = randomLength(rng); i > 0; i--) {
        entries[String(randomScalar(rng, field.mapKey, true))] = one(field.mapKind);
      }
      return entries;
    }
    default:
      return one(field.fieldKind);
  }
}

/** A random init object of `desc`: each field set with some probability, nesting bounded by depth. */
export function randomInit(rng: Prng, desc: DescMessage, depth = 0): Record<string, unknown> {
  const init: Record<string, unknown> = {};
  if (depth > 4) return init;
  if (desc.typeName === "google.protobuf.Timestamp") {
    return rng.chance(0.8)
      ? { seconds: BigInt(1_700_000_000 + rng.int(200_000_000) - 100_000_000), nanos: rng.int(1e9) }
      : { seconds: rng.pick(int64s), nanos: rng.pick(int32s) };
  }
  if (desc.typeName === "google.protobuf.FieldMask") {
    return {
      paths: Array.from({ length: rng.int(4) }, () => (rng.chance(0.6) ? rng.pick(plausible) : randomString(rng))),
    };
  }
  for (const field of desc.fields) {
    if (field.oneof || !rng.chance(0.75)) continue;
    init[field.localName] = randomFieldValue(rng, field, depth);
  }
  for (const oneof of desc.oneofs) {
    if (!rng.chance(0.8)) continue;
    const field = rng.pick(oneof.fields);
    init[oneof.localName] = { case: field.localName, value: randomFieldValue(rng, field, depth) };
  }
  return init;
}

/** A random message of `desc`. */
export function randomMessage(rng: Prng, desc: DescMessage): Message {
  return create(desc, randomInit(rng, desc)) as Message;
}
