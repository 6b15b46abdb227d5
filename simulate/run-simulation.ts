import type { ActorContext } from "./actors/actor-context.js";
import { takeRidersOffline } from "./couriers.js";
import { createRandom } from "./random.js";
import { runSchedule, type ScheduleResult } from "./scheduler.js";
import { type Simulation, type SimulationOptions, SimulationSetupError } from "./simulation.js";
import { createSimulationState, type SimulationState } from "./simulation-state.js";
import { buildSummary, type SimulationSummary } from "./summary.js";
import { startWebhookReceiver } from "./webhook-receiver.js";
import { setUpWorld } from "./world.js";

export {
  type Simulation,
  type SimulationHooks,
  type SimulationOptions,
  type SimulationPhase,
  SimulationSetupError,
  type SimulationSnapshot,
} from "./simulation.js";

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
  const stop = new AbortController();
  const abort = () => stop.abort();
  if (options.signal?.aborted) abort();
  else options.signal?.addEventListener("abort", abort, { once: true });
  const state = createSimulationState(options, stop.signal);
  const done = run(options, state)
    .finally(() => options.signal?.removeEventListener("abort", abort))
    .then(
      (summary) => {
        state.stopped();
        return summary;
      },
      (error: unknown) => {
        state.failed(error);
        throw error;
      },
    );
  return {
    snapshot: () => state.snapshot(),
    stop() {
      stop.abort();
      return done;
    },
    done,
  };
}

/** One run, from set-up to clean-up, recording into `state` as it goes. */
async function run(options: SimulationOptions, state: SimulationState): Promise<SimulationSummary> {
  const { clients } = options;
  const { tally, placed, notes } = state;
  const note = (line: string) => options.hooks?.note?.(line);
  note(`setting up ${options.brands} brands, their items, customers and campaigns, and the fleet at ${options.url}`);
  const world = await setUpWorld(clients, options.brands, options.setupTimeoutMs ?? 15_000).catch((error: unknown) => {
    throw new SimulationSetupError("set-up", error);
  });
  for (const problem of world.campaignProblems) {
    notes.push(problem);
    note(`note: ${problem}`);
  }
  if (options.webhooks) {
    state.receiver = await startWebhookReceiver(clients, {
      ...options.webhooks,
      brandIds: world.brands.map((brand) => brand.brandId),
    }).catch((error: unknown) => {
      throw new SimulationSetupError("registering the webhook receiver", error);
    });
    const hint = state.receiver.counts().hint;
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
  if (!state.stop.aborted) state.phase = "running";
  const over = options.hooks?.running?.({ tally, placed, webhooks: () => state.receiver?.counts() });
  const result: ScheduleResult = await runSchedule(context, {
    ratePerSecond: options.ratePerSecond,
    ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
    stop: state.stop,
    maxInFlight: Math.max(8, Math.ceil(options.ratePerSecond * 4)),
    drainMs: options.drainMs ?? 10_000,
  });
  state.phase = "stopping";
  over?.();
  const webhooks = state.receiver?.counts();
  await state.receiver?.close();
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
}
