import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { timestampDate } from "@bufbuild/protobuf/wkt";

/** A timestamp in the browser's words, or a dash when there is none. */
export function when(time: Timestamp | undefined): string {
  return time ? timestampDate(time).toLocaleString() : "—";
}
