import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { LedgerEntry } from "@waybill/sdk/inventory";

/** The stock of an item just after one ledger entry. */
export interface LevelPoint {
  /** When the entry was written (epoch milliseconds). */
  readonly time: number;
  readonly sequence: bigint;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

/**
 * The item's level after each ledger entry, oldest first: the running sums of the entries' deltas
 * (the ledger is the truth the stock is derived from). Entries may come in any order and repeat
 * (pages fetched twice): they are ordered by sequence and each sequence counts once.
 */
export function levelSeries(entries: readonly LedgerEntry[]): LevelPoint[] {
  const bySequence = new Map<bigint, LedgerEntry>();
  for (const entry of entries) bySequence.set(entry.sequence, entry);
  const ordered = [...bySequence.values()].sort((a, b) =>
    a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0,
  );
  let onHand = 0n;
  let reserved = 0n;
  return ordered.map((entry) => {
    onHand += entry.deltaOnHand;
    reserved += entry.deltaReserved;
    return {
      time: entry.createTime ? timestampMs(entry.createTime) : 0,
      sequence: entry.sequence,
      onHand: Number(onHand),
      reserved: Number(reserved),
      available: Number(onHand - reserved),
    };
  });
}
