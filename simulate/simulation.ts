import type { ProgressSources } from "./progress.js";
import type { SimulationSummary } from "./summary.js";
import type { ActionCounts, ActionName, Totals } from "./tally.js";
import type { Clients } from "./tokens.js";
import type { WebhookCounts } from "./webhook-receiver.js";

/** How a simulation runs: whom it calls, how busy, how long. */
export interface SimulationOptions {
  /** The clients of every actor (`createClients` or `clientsSignedBy`). */
  readonly clients: Clients;
  /** Where those clients call, for the summary. */
  readonly url: string;
  readonly ratePerSecond: number;
  /** How long actions keep starting; undefined: until stopped. */
  readonly durationMs?: number;
  readonly brands: number;
  readonly seed: number;
  /** Where the webhook receiver listens and how Waybill reaches it; undefined: no receiver. */
  readonly webhooks?: { readonly port: number; readonly host: string };
  /** Aborted: the same as `stop()` (the command line's Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Longest wait of each set-up call (default 15 s). */
  readonly setupTimeoutMs?: number;
  /** Longest wait, after the end, for the actions in flight (default 10 s). */
  readonly drainMs?: number;
  /** Lines for people (set-up notes); hints they should see even in `--json` mode; when actions start. */
  readonly hooks?: SimulationHooks;
  /** The clock of the snapshot's times (default: the system clock). */
  readonly now?: () => Date;
}

/** What a simulation tells its runner as it goes. */
export interface SimulationHooks {
  /** A note: what is being set up, a campaign that could not be, what runs now. */
  note?(line: string): void;
  /** A hint worth seeing whatever the output mode (why there are no webhooks). */
  hint?(line: string): void;
  /** Actions start now; the answer, if any, is called when they are over (before the clean-up). */
  running?(sources: ProgressSources): (() => void) | undefined;
}

/** Where a simulation stands. */
export type SimulationPhase = "setting-up" | "running" | "stopping" | "stopped" | "failed";

/** What a simulation has done so far, read at any time. */
export interface SimulationSnapshot {
  readonly phase: SimulationPhase;
  readonly startedAt: Date;
  /** When it ended (stopped, or failed to set up). */
  readonly endedAt?: Date;
  readonly ratePerSecond: number;
  readonly durationMs?: number;
  readonly brandIds: readonly string[];
  readonly seed: number;
  readonly actions: Readonly<Partial<Record<ActionName, ActionCounts>>>;
  readonly totals: Totals;
  readonly ordersPlaced: number;
  /** Undefined while setting up, or with no receiver. */
  readonly webhooks?: WebhookCounts;
  /** The last unexpected error, or why the set-up failed. */
  readonly lastError?: string;
  readonly notes: readonly string[];
}

/** A simulation under way. */
export interface Simulation {
  snapshot(): SimulationSnapshot;
  /** Starts nothing new, lets what is in flight finish, cleans up; answers the summary (as `done`). */
  stop(): Promise<SimulationSummary>;
  /** Settles when the simulation is over: its summary, or a {@link SimulationSetupError}. */
  readonly done: Promise<SimulationSummary>;
}

/** The set-up failed: nothing ran. `what` names the step, `cause` is what Waybill answered. */
export class SimulationSetupError extends Error {
  override readonly name = "SimulationSetupError";
  constructor(
    readonly what: "set-up" | "registering the webhook receiver",
    override readonly cause: unknown,
  ) {
    super(`${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
