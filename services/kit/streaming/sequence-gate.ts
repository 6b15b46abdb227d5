/** Admits each key's versions in increasing order only. */
export interface SequenceGate {
  /** True (and remembered) when `sequence` is newer than anything admitted for `key`. */
  admit(key: string, sequence: number): boolean;
}

/**
 * A watcher's filter between its first snapshot and the live feed: a change already reflected in
 * what was sent (or older than it, as relays of several replicas may publish out of order) is
 * dropped, so each key (a SKU's level, a courier) only ever moves forward.
 *
 * @example
 * const gate = createSequenceGate();
 * gate.admit("A", 5); // true
 * gate.admit("A", 4); // false
 */
export function createSequenceGate(): SequenceGate {
  const latest = new Map<string, number>();
  return {
    admit(key, sequence) {
      if (sequence <= (latest.get(key) ?? -1)) return false;
      latest.set(key, sequence);
      return true;
    },
  };
}
