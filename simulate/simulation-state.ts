import { createPlacedOrders, type PlacedOrders } from "./placed-orders.js";
import type { SimulationOptions, SimulationPhase, SimulationSnapshot } from "./simulation.js";
import { createTally, type Tally } from "./tally.js";
import type { WebhookReceiver } from "./webhook-receiver.js";
import { simBrandId } from "./world.js";

/** What a running simulation records as it goes, and its snapshot of that at any time. */
export interface SimulationState {
  readonly tally: Tally;
  readonly placed: PlacedOrders;
  /** Notes for the console (campaign problems, why there are no webhooks). */
  readonly notes: string[];
  /** Aborted when the run is asked to stop. */
  readonly stop: AbortSignal;
  phase: SimulationPhase;
  receiver: WebhookReceiver | undefined;
  /** The run is over, its clean-up done. */
  stopped(): void;
  /** The run is over: it failed (to set up), for `error`. */
  failed(error: unknown): void;
  snapshot(): SimulationSnapshot;
}

/**
 * The state of one simulation, read by `snapshot()` while `run` writes it: the phase, the counts,
 * the orders placed, the receiver and the notes.
 */
export function createSimulationState(options: SimulationOptions, stop: AbortSignal): SimulationState {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const brandIds = Array.from({ length: options.brands }, (_, index) => simBrandId(index));
  let endedAt: Date | undefined;
  let failure: string | undefined;
  const state: SimulationState = {
    tally: createTally(),
    placed: createPlacedOrders(),
    notes: [],
    stop,
    phase: "setting-up",
    receiver: undefined,
    stopped() {
      state.phase = "stopped";
      endedAt = now();
    },
    failed(error) {
      state.phase = "failed";
      endedAt = now();
      failure = error instanceof Error ? error.message : String(error);
    },
    snapshot() {
      const { phase, tally, receiver } = state;
      const lastError = failure ?? tally.lastError();
      return {
        // Asked to stop: say so at once, though set-up or the actions in flight still finish.
        phase: (phase === "running" || phase === "setting-up") && stop.aborted ? "stopping" : phase,
        startedAt,
        ...(endedAt === undefined ? {} : { endedAt }),
        ratePerSecond: options.ratePerSecond,
        ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
        brandIds,
        seed: options.seed,
        actions: tally.actions(),
        totals: tally.totals(),
        ordersPlaced: state.placed.count,
        ...(receiver === undefined ? {} : { webhooks: receiver.counts() }),
        ...(lastError === undefined ? {} : { lastError }),
        notes: [...state.notes],
      };
    },
  };
  return state;
}
