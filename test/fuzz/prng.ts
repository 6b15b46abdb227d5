import { createRandom } from "../../chaos/random.js";

/**
 * A seeded pseudo-random generator for the fuzz test: every case derives its
 * own generator from the run's seed and its coordinates, so one failing case replays alone.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, max). */
  int(max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
}

/** A generator seeded with a 32-bit integer (the chaos run's mulberry32, with bytes). */
export function createPrng(seed: number): Prng {
  const random = createRandom(seed);
  const int = (max: number) => Math.floor(random.next() * max);
  return {
    next: () => random.next(),
    int,
    chance: (p) => random.chance(p),
    pick: (list) => random.pick(list),
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = int(256);
      return out;
    },
  };
}

/** The seed of one case: the run's seed mixed with a label (the method) and the case index (FNV-1a). */
export function caseSeed(runSeed: number, label: string, index: number): number {
  let hash = (0x811c9dc5 ^ runSeed) >>> 0;
  for (const char of `${label}#${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}
