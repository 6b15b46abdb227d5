import { ConnectError } from "@connectrpc/connect";
import { stockShortageOf } from "@waybill/sdk";
import { codeName } from "../load/recorder.js";

/** What the simulator does, one name per kind of call it counts. */
export const actionNames = [
  "place-order",
  "place-order-promo",
  "place-order-over-stock",
  "prepare",
  "ready",
  "pickup",
  "deliver",
  "return-recalled",
  "cancel",
  "return-lines",
  "restock",
  "fleet-check",
] as const;

/** One of {@link actionNames}. */
export type ActionName = (typeof actionNames)[number];

/** The counts of one action. */
export interface ActionCounts {
  readonly ok: number;
  /** Drawn with nothing to do (no order waiting, no low stock). */
  readonly skipped: number;
  /** Refusals the simulation provokes or races into, by what they were. */
  readonly expected: Readonly<Record<string, number>>;
  /** Unexpected errors by Connect code. */
  readonly errors: Readonly<Record<string, number>>;
}

/** Counts of the whole run so far. */
export interface Totals {
  readonly ok: number;
  readonly skipped: number;
  readonly expected: number;
  readonly errors: number;
}

/** Collects the outcome of every action. */
export interface Tally {
  /** Runs `call` as one try of `action`: counted ok, an expected refusal or an error. Undefined when refused. */
  attempt<T>(action: ActionName, call: () => Promise<T>): Promise<T | undefined>;
  /** Runs a look-up for `action`: not counted when it succeeds, an error when it fails. */
  lookUp<T>(action: ActionName, call: () => Promise<T>): Promise<T | undefined>;
  skip(action: ActionName): void;
  totals(): Totals;
  /** The counts of each action tried so far. */
  actions(): Readonly<Partial<Record<ActionName, ActionCounts>>>;
  /** One message per unexpected error code, to tell what went wrong. */
  samples(): Readonly<Record<string, string>>;
  /** The latest unexpected error, as `<action>: [<code>] <message>`; undefined before any. */
  lastError(): string | undefined;
}

/** Actions that move an order another actor (or Fleet, on its own) may have moved first. */
const orderMoves: ReadonlySet<ActionName> = new Set([
  "prepare",
  "ready",
  "pickup",
  "deliver",
  "return-recalled",
  "cancel",
  "return-lines",
]);

/** The expected refusal `error` is for `action`, or undefined when it is an unexpected error. */
export function expectedRefusal(action: ActionName, error: ConnectError): string | undefined {
  if (stockShortageOf(error) !== undefined && action.startsWith("place-order")) return "shortage (expected)";
  // A restock or a look at the fleet has no race to lose: any refusal of it is a finding.
  if (!orderMoves.has(action)) return undefined;
  // Fleet moves orders on its own (drones, reassignments): a move may find the order gone further.
  if (codeName(error.code) === "failed_precondition") return "state moved on";
  if (codeName(error.code) === "aborted") return "busy, retry later";
  return undefined;
}

interface Counts {
  ok: number;
  skipped: number;
  readonly expected: Map<string, number>;
  readonly errors: Map<string, number>;
}

/** Creates an empty tally. */
export function createTally(): Tally {
  const counts = new Map<ActionName, Counts>();
  const samples: Record<string, string> = {};
  let lastError: string | undefined;
  const totals = { ok: 0, skipped: 0, expected: 0, errors: 0 };
  const of = (action: ActionName): Counts => {
    let found = counts.get(action);
    if (!found) {
      found = { ok: 0, skipped: 0, expected: new Map(), errors: new Map() };
      counts.set(action, found);
    }
    return found;
  };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const failed = (action: ActionName, thrown: unknown) => {
    const error = ConnectError.from(thrown);
    const expected = expectedRefusal(action, error);
    if (expected !== undefined) {
      add(of(action).expected, expected);
      totals.expected++;
      return;
    }
    const code = codeName(error.code);
    add(of(action).errors, code);
    totals.errors++;
    samples[code] ??= `${action}: ${error.rawMessage}`;
    lastError = `${action}: [${code}] ${error.rawMessage}`;
  };
  return {
    async attempt(action, call) {
      try {
        const result = await call();
        of(action).ok++;
        totals.ok++;
        return result;
      } catch (error) {
        failed(action, error);
        return undefined;
      }
    },
    async lookUp(action, call) {
      try {
        return await call();
      } catch (error) {
        failed(action, error);
        return undefined;
      }
    },
    skip(action) {
      of(action).skipped++;
      totals.skipped++;
    },
    totals: () => ({ ...totals }),
    actions: () =>
      Object.fromEntries(
        actionNames
          .filter((name) => counts.has(name))
          .map((name) => {
            const found = of(name);
            return [
              name,
              {
                ok: found.ok,
                skipped: found.skipped,
                expected: Object.fromEntries(found.expected),
                errors: Object.fromEntries(found.errors),
              },
            ];
          }),
      ),
    samples: () => ({ ...samples }),
    lastError: () => lastError,
  };
}
