/** On-hand and reserved units of an item at a ledger sequence. */
export interface LevelPoint {
  readonly onHand: number;
  readonly reserved: number;
  readonly sequence: number;
}

/**
 * The level at a past time: the latest snapshot taken by then (or the empty level before the
 * first entry) plus the sums of the entries written after it up to that time.
 *
 * @example
 * levelAsOf({ onHand: 10, reserved: 2, sequence: 100 }, { onHand: -1, reserved: 1, lastSequence: 103, entries: 3 })
 * // => { onHand: 9, reserved: 3, sequence: 103 }
 */
export function levelAsOf(
  snapshot: LevelPoint | undefined,
  after: {
    readonly onHand: number;
    readonly reserved: number;
    readonly lastSequence: number;
    readonly entries: number;
  },
): LevelPoint {
  const base = snapshot ?? { onHand: 0, reserved: 0, sequence: 0 };
  return {
    onHand: base.onHand + after.onHand,
    reserved: base.reserved + after.reserved,
    sequence: after.entries > 0 ? after.lastSequence : base.sequence,
  };
}

/**
 * True when a live level differs from the level replayed from the ledger.
 *
 * @example
 * levelsDiffer({ onHand: 5, reserved: 0, sequence: 3 }, { onHand: 5, reserved: 0, sequence: 3 }) // => false
 */
export function levelsDiffer(live: LevelPoint, rebuilt: LevelPoint): boolean {
  return live.onHand !== rebuilt.onHand || live.reserved !== rebuilt.reserved || live.sequence !== rebuilt.sequence;
}
