import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";

/** A date for a table cell; empty when unset. */
export function dateText(time: Timestamp | undefined): string {
  return time ? timestampDate(time).toLocaleDateString() : "";
}

/** A date and time for details; "—" when unset. */
export function dateTimeText(time: Timestamp | undefined): string {
  return time ? timestampDate(time).toLocaleString() : "—";
}
