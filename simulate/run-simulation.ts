import type { ActorContext } from "./actors/actor-context.js";
import { takeRidersOffline } from "./couriers.js";
import type { ProgressSources } from "./progress.js";
import { createRandom } from "./random.js";
import { runSchedule, type ScheduleResult } from "./scheduler.js";
import { buildSummary, type SimulationSummary } from "./summary.js";
import { type ActionCounts, type ActionName, createTally, type Totals } from "./tally.js";
import type { Clients } from "./tokens.js";
import { startWebhookReceiver, type WebhookCounts, type WebhookReceiver } from "./webhook-receiver.js";
import { setUpWorld, simBrandId } from "./world.js";

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

/**
 * Starts a simulation: sets up the world (brands, items, customers, campaigns, couriers) and the
 * webhook receiver, then draws actions at the rate until the duration is over or it is stopped,
 * lets the actions in flight finish, deletes its webhooks and takes its riders offline. A stop
 * during the set-up ends the run as soon as the set-up is done.
 *
 * @example
 * const simulation = startSimulation({ clients, url, ratePerSecond: 5, brands: 2, seed: 7 });
 * console.log(simulation.snapshot().phase);
 * const summary = await simulation.stop();
 */
export function startSimulation(options: SimulationOptions): Simulation {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const stop = new AbortController();
  const abort = () => stop.abort();
  if (options.signal?.aborted) abort();
  else options.signal?.addEventListener("abort", abort, { once: true });
  const tally = createTally();
  const placed: string[] = [];
  const notes: string[] = [];
  const note = (line: string) => options.hooks?.note?.(line);
  const brandIds = Array.from({ length: options.brands }, (_, index) => simBrandId(index));
  let phase: SimulationPhase = "setting-up";
  let endedAt: Date | undefined;
  let failure: string | undefined;
  let receiver: WebhookReceiver | undefined;

  const run = async (): Promise<SimulationSummary> => {
    const { clients } = options;
    note(`setting up ${options.brands} brands, their items, customers and campaigns, and the fleet at ${options.url}`);
    const world = await setUpWorld(clients, options.brands, options.setupTimeoutMs ?? 15_000).catch(
      (error: unknown) => {
        throw new SimulationSetupError("set-up", error);
      },
    );
    for (const problem of world.campaignProblems) {
      notes.push(problem);
      note(`note: ${problem}`);
    }
    if (options.webhooks) {
      receiver = await startWebhookReceiver(clients, {
        ...options.webhooks,
        brandIds: world.brands.map((brand) => brand.brandId),
      }).catch((error: unknown) => {
        throw new SimulationSetupError("registering the webhook receiver", error);
      });
      const hint = receiver.counts().hint;
      if (hint !== undefined) {
        notes.push(hint);
        options.hooks?.hint?.(`hint: ${hint}`);
      }
    }
    const context: ActorContext = { clients, world, random: createRandom(options.seed), tally, placed };
    note(
      `running ${options.ratePerSecond} actions a second (seed ${options.seed})` +
        `${options.durationMs === undefined ? " until Ctrl-C" : ` for ${options.durationMs / 1000} s`}; open the console to watch`,
    );
    if (!stop.signal.aborted) phase = "running";
    const over = options.hooks?.running?.({ tally, placed, webhooks: () => receiver?.counts() });
    const result: ScheduleResult = await runSchedule(context, {
      ratePerSecond: options.ratePerSecond,
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      stop: stop.signal,
      maxInFlight: Math.max(8, Math.ceil(options.ratePerSecond * 4)),
      drainMs: options.drainMs ?? 10_000,
    });
    phase = "stopping";
    over?.();
    const webhooks = receiver?.counts();
    await receiver?.close();
    await takeRidersOffline(clients.admin, world.fleet, 5_000);
    return buildSummary({
      url: options.url,
      seed: options.seed,
      ratePerSecond: options.ratePerSecond,
      world,
      result,
      tally,
      placed,
      webhooks,
    });
  };

  const done = run()
    .finally(() => options.signal?.removeEventListener("abort", abort))
    .then(
      (summary) => {
        phase = "stopped";
        endedAt = now();
        return summary;
      },
      (error: unknown) => {
        phase = "failed";
        endedAt = now();
        failure = error instanceof Error ? error.message : String(error);
        throw error;
      },
    );
  return {
    snapshot: () => ({
      // Asked to stop: say so at once, though set-up or the actions in flight still finish.
      phase: (phase === "running" || phase === "setting-up") && stop.signal.aborted ? "stopping" : phase,
      startedAt,
      ...(endedAt === undefined ? {} : { endedAt }),
      ratePerSecond: options.ratePerSecond,
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      brandIds,
      seed: options.seed,
      actions: tally.actions(),
      totals: tally.totals(),
      ordersPlaced: placed.length,
      ...(receiver === undefined ? {} : { webhooks: receiver.counts() }),
      ...((failure ?? tally.lastError()) === undefined ? {} : { lastError: failure ?? tally.lastError() }),
      notes: [...notes],
    }),
    stop() {
      stop.abort();
      return done;
    },
    done,
  };
}
