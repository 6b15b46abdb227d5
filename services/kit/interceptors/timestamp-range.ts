import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { Violation } from "@bufbuild/protovalidate";
import type { Visited } from "./walk-request.js";

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range google.protobuf.Timestamp defines,
// inside what PostgreSQL's timestamptz and a JavaScript Date hold.
const minSeconds = -62_135_596_800n;
const maxSeconds = 253_402_300_799n;

/**
 * The violation of a `google.protobuf.Timestamp` outside the range its definition allows (years 1
 * to 9999, nanos 0 to 999,999,999), naming its path; without it such a time reaches PostgreSQL,
 * which fails it as an internal error, or becomes an invalid Date.
 */
export function timestampRangeViolation({ value, path }: Visited): Violation | undefined {
  if (!isReflectMessage(value) || value.desc.typeName !== "google.protobuf.Timestamp") return undefined;
  const { seconds, nanos } = value.message as Timestamp;
  if (seconds >= minSeconds && seconds <= maxSeconds && nanos >= 0 && nanos <= 999_999_999) return undefined;
  return new Violation("must be a time from year 1 to year 9999", "timestamp.valid_range", path.toPath(), [], false);
}
