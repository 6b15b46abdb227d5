import { InvalidArgumentError } from "commander";

/** The kinds of operation the load mixes, in the order tables list them. */
export const operationKinds = ["orders", "stock", "status", "reads"] as const;

/** One of {@link operationKinds}. */
export type OperationKind = (typeof operationKinds)[number];

/** The share (a weight, not necessarily a percentage) of each kind of operation. */
export type OperationMix = Readonly<Record<OperationKind, number>>;

/** The mix when `--mix` is not given. */
export const defaultMix: OperationMix = { orders: 60, stock: 10, status: 10, reads: 20 };

/** The largest weight one kind may have: keeps the schedule's cycle small. */
const maxWeight = 1000;

const isKind = (name: string): name is OperationKind => (operationKinds as readonly string[]).includes(name);

/**
 * Parses `orders=60,stock=10,status=10,reads=20` (kinds left out get 0), refusing unknown kinds,
 * repeated kinds, weights that are not whole numbers, a mix of nothing, and status moves without
 * orders to move (the load moves only orders it placed itself).
 */
export function parseMix(text: string): OperationMix {
  const mix: Record<OperationKind, number> = { orders: 0, stock: 0, status: 0, reads: 0 };
  const seen = new Set<string>();
  for (const part of text.split(",")) {
    const [name = "", weight, extra] = part.trim().split("=");
    if (!isKind(name)) {
      throw new InvalidArgumentError(`unknown operation "${name}" (use ${operationKinds.join(", ")})`);
    }
    if (seen.has(name)) throw new InvalidArgumentError(`"${name}" is given twice`);
    const value = Number(weight);
    if (extra !== undefined || weight === undefined || weight.trim() === "" || !Number.isInteger(value)) {
      throw new InvalidArgumentError(`"${part.trim()}" must be <operation>=<whole number>, e.g. orders=60`);
    }
    if (value < 0 || value > maxWeight) {
      throw new InvalidArgumentError(`the weight of ${name} must be between 0 and ${maxWeight}`);
    }
    seen.add(name);
    mix[name] = value;
  }
  if (operationKinds.every((kind) => mix[kind] === 0)) {
    throw new InvalidArgumentError("at least one operation needs a weight above 0");
  }
  if (mix.status > 0 && mix.orders === 0) {
    throw new InvalidArgumentError("status moves orders this run placed: give orders a weight too");
  }
  return mix;
}

/** `orders=60,stock=10,...` of a mix, its kinds of weight 0 left out. */
export function formatMix(mix: OperationMix): string {
  return operationKinds
    .filter((kind) => mix[kind] > 0)
    .map((kind) => `${kind}=${mix[kind]}`)
    .join(",");
}

/**
 * The kind of operation number `index` of a run: a smooth weighted round robin, so every stretch
 * of the run follows the mix (no clusters of one kind, as random draws would give) and a run of
 * N operations has the mix's shares exactly, up to rounding.
 *
 * @example
 * const kindAt = mixSchedule({ orders: 2, stock: 1, status: 0, reads: 1 });
 * [0, 1, 2, 3].map(kindAt); // ["orders", "stock", "orders", "reads"]
 */
export function mixSchedule(mix: OperationMix): (index: number) => OperationKind {
  const total = operationKinds.reduce((sum, kind) => sum + mix[kind], 0);
  const current: Record<OperationKind, number> = { orders: 0, stock: 0, status: 0, reads: 0 };
  const cycle: OperationKind[] = [];
  for (let step = 0; step < total; step++) {
    let best: OperationKind = "orders";
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const kind of operationKinds) {
      current[kind] += mix[kind];
      if (mix[kind] > 0 && current[kind] > bestValue) {
        best = kind;
        bestValue = current[kind];
      }
    }
    current[best] -= total;
    cycle.push(best);
  }
  return (index) => cycle[index % cycle.length] ?? "orders";
}
