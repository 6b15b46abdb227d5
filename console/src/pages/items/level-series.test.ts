// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { LedgerEntrySchema, LedgerReason } from "@waybill/sdk/inventory";
import { describe, expect, it } from "vitest";
import { levelSeries } from "./level-series.js";

const entry = (sequence: number, deltaOnHand: number, deltaReserved: number, reason: LedgerReason) =>
  create(LedgerEntrySchema, {
    sequence: BigInt(sequence),
    deltaOnHand: BigInt(deltaOnHand),
    deltaReserved: BigInt(deltaReserved),
    reason,
    createTime: timestampFromMs(1_000 * sequence),
  });

describe("levelSeries", () => {
  it("sums the deltas in ledger order: on hand, reserved and available after each entry", () => {
    const series = levelSeries([
      entry(1, 10, 0, LedgerReason.RESTOCK),
      entry(2, 0, 3, LedgerReason.RESERVE),
      entry(3, -3, -3, LedgerReason.COMMIT),
      entry(4, 2, 0, LedgerReason.RETURN),
    ]);
    expect(series.map(({ time, onHand, reserved, available }) => ({ time, onHand, reserved, available }))).toEqual([
      { time: 1000, onHand: 10, reserved: 0, available: 10 },
      { time: 2000, onHand: 10, reserved: 3, available: 7 },
      { time: 3000, onHand: 7, reserved: 0, available: 7 },
      { time: 4000, onHand: 9, reserved: 0, available: 9 },
    ]);
  });

  it("orders entries by sequence and counts a repeated entry once", () => {
    const restock = entry(1, 5, 0, LedgerReason.RESTOCK);
    const series = levelSeries([entry(2, -1, 0, LedgerReason.ADJUSTMENT), restock, restock]);
    expect(series.map((point) => [point.sequence, point.onHand])).toEqual([
      [1n, 5],
      [2n, 4],
    ]);
  });

  it("is empty for an item without movements", () => {
    expect(levelSeries([])).toEqual([]);
  });
});
