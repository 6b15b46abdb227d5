import { ConnectError } from "@connectrpc/connect";
import type { OrdersServiceOptions, PlacementStep } from "../../services/orders/index.js";
import { waitUntil } from "../support/index.js";

/** The points of a PlaceOrder attempt where a test may stall or crash it. */
export type PlacementPoint = "beforeReserve" | "afterReserve" | "beforeRecord" | "afterRecord";

/** A stall of one attempt: `reached` once the attempt waits at its point, `open()` lets it go on. */
export interface Gate {
  readonly reached: Promise<void>;
  open(): void;
}

/** How an attempt ended, as the server saw it (its caller may have gone long before). */
export interface PlacementOutcome {
  /** Undefined for a placed order. */
  readonly error: ConnectError | undefined;
}

/** Scripted faults of PlaceOrder attempts, by idempotency key, and what each attempt answered. */
export interface PlacementScript {
  /** The hooks to build Orders with (`startOrdersHarness({ orders: script.hooks })`). */
  readonly hooks: OrdersServiceOptions;
  /**
   * Stalls the next attempt with `key` that reaches `point` until the gate opens (a frozen
   * process); several stalls of one key and point apply to attempts in the order they arrive.
   */
  stall(key: string, point: PlacementPoint): Gate;
  /** Makes the next attempt with `key` that reaches `point` throw (a process killed there). */
  crash(key: string, point: PlacementPoint): void;
  /** The outcome of the `nth` attempt with `key` to end (1 = the first), waiting for it. */
  outcome(key: string, nth?: number): Promise<PlacementOutcome>;
}

/**
 * Creates a {@link PlacementScript}: each stall or crash applies once, to the next attempt with
 * the key that reaches the point, so a retry with the key runs normally.
 *
 * @example
 * const gate = script.stall("k-1", "beforeReserve");
 * const first = client.orders.placeOrder(request);
 * await gate.reached; // ... the retry, a restock ...
 * gate.open();
 */
export function createPlacementScript(): PlacementScript {
  /** Faults waiting for attempts, by key and point, in the order the attempts will meet them. */
  const faults = new Map<string, (() => Promise<void>)[]>();
  const outcomes = new Map<string, PlacementOutcome[]>();
  const add = (key: string, point: PlacementPoint, fault: () => Promise<void>) => {
    const queue = faults.get(`${key}|${point}`) ?? [];
    queue.push(fault);
    faults.set(`${key}|${point}`, queue);
  };
  const at = (point: PlacementPoint) => async (step: PlacementStep) => {
    const fault = faults.get(`${step.idempotencyKey}|${point}`)?.shift();
    if (fault) await fault();
  };
  return {
    hooks: {
      beforeReserve: at("beforeReserve"),
      afterReserve: at("afterReserve"),
      beforeRecord: at("beforeRecord"),
      afterRecord: at("afterRecord"),
      placementSettled({ idempotencyKey, error }) {
        const list = outcomes.get(idempotencyKey) ?? [];
        list.push({ error: error === undefined ? undefined : ConnectError.from(error) });
        outcomes.set(idempotencyKey, list);
      },
    },
    stall(key, point) {
      let reach = () => {};
      let open = () => {};
      const reached = new Promise<void>((resolve) => {
        reach = resolve;
      });
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      add(key, point, async () => {
        reach();
        await opened;
      });
      return { reached, open };
    },
    crash(key, point) {
      add(key, point, async () => {
        throw new Error(`orders killed at ${point}`);
      });
    },
    async outcome(key, nth = 1) {
      const list = await waitUntil(
        async () => outcomes.get(key) ?? [],
        (ended) => ended.length >= nth,
        `attempt ${nth} with key ${key} to end`,
      );
      return list[nth - 1]!;
    },
  };
}
