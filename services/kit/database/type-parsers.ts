import type { CustomTypesConfig } from "pg";
import pg from "pg";

/** PostgreSQL type OIDs we parse differently from `pg`'s defaults. */
const INT8_OID = 20;

/**
 * Parses `int8` (bigint, bigserial, `count(*)`) as a JavaScript number instead of `pg`'s
 * default string. Waybill's int8 values (sequences, counts, stock quantities, cents) stay far
 * below 2^53, and numbers keep handlers and JSON free of string arithmetic. A value that does
 * not fit is a bug we want loudly, so it throws rather than silently losing precision.
 * `numeric` stays a string: it is exact decimal and must not pass through a float.
 */
export function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`int8 value ${value} does not fit a JavaScript number`);
  }
  return parsed;
}

/**
 * Per-pool type parsers (rather than mutating `pg.types` globally, which would leak into every
 * other pool in the process).
 */
export const waybillTypeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID && format !== "binary") return parseInt8;
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as CustomTypesConfig["getTypeParser"],
};
