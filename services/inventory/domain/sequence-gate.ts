/** Admits each SKU's levels in increasing ledger sequence only. */
export interface SequenceGate {
  /** True (and remembered) when `sequence` is newer than anything admitted for `sku`. */
  admit(sku: string, sequence: number): boolean;
}

/**
 * A watcher's filter between its first snapshot and the live feed: a change already reflected in
 * what was sent (or older than it, as relays of several replicas may publish out of order) is
 * dropped, so each SKU's levels only ever move forward.
 *
 * @example
 * const gate = createSequenceGate();
 * gate.admit("A", 5); // true
 * gate.admit("A", 4); // false
 */
export function createSequenceGate(): SequenceGate {
  const latest = new Map<string, number>();
  return {
    admit(sku, sequence) {
      if (sequence <= (latest.get(sku) ?? -1)) return false;
      latest.set(sku, sequence);
      return true;
    },
  };
}
