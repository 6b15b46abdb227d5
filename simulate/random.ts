import type { Random } from "../chaos/random.js";

export { createRandom, type Random } from "../chaos/random.js";

/** Draws one of `weights`' keys in proportion to its weight. */
export function drawWeighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random.next() * total;
  for (const [key, weight] of entries) {
    at -= weight;
    if (at < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}
