import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  GetSimulationResponseSchema,
  SimulatorService,
  type StartSimulationRequest,
  StartSimulationResponseSchema,
  StopSimulationResponseSchema,
  WatchSimulationResponseSchema,
} from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import type { Logger } from "pino";
import { startSimulation } from "../../../simulate/run-simulation.js";
import { clientsSignedBy } from "../../../simulate/tokens.js";
import type { ServedService } from "../app/service-definition.js";
import { requirePrincipal, type TokenIssuer } from "../auth/index.js";
import { DomainError, failedPrecondition } from "../errors/index.js";
import { simulationSettings } from "./simulation-request.js";
import { simulationToWire } from "./simulation-wire.js";
import { createSingleSimulation } from "./single-simulation.js";
import { watchSimulation } from "./watch-simulation.js";

/** What {@link createDevSimulator} needs of the process. */
export interface DevSimulatorOptions {
  /** The process's token issuer (AUTH_SECRET): each actor's token is signed with it. */
  readonly tokens: Pick<TokenIssuer, "sign">;
  /** The process's own URL, known once its port is bound (see `ownUrl`). */
  readonly baseUrl: () => string;
  /** Whether this process serves all five services, which the simulation calls on its port. */
  readonly servesEverything: boolean;
  /** Aborted when the process shuts down: the watch streams end. */
  readonly shutdownSignal: AbortSignal;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The host the in-process webhook receiver listens on and Waybill posts to (default 127.0.0.1). */
  readonly webhookHost?: string;
  /**
   * The receiver's fixed port (SIMULATOR_WEBHOOK_PORT), the one the development default of
   * WEBHOOK_ALLOWED_HOSTS lets through; when it is taken the run goes on without webhooks.
   */
  readonly webhookPort: number;
  /** Longest wait, once stopped, for the actions in flight (default 5 s). */
  readonly drainMs?: number;
}

/** The simulator of one process: its RPCs, and the stop its shutdown calls. */
export interface DevSimulator {
  readonly service: ServedService;
  /**
   * Refuses every later StartSimulation (UNAVAILABLE), then stops the running simulation (if any)
   * and waits for it to clean up. Called first on shutdown, while the port still answers.
   */
  stop(): Promise<void>;
}

/**
 * `waybill.dev.v1.SimulatorService`: the traffic simulator of `npm run simulate`, run inside the
 * process against its own port. Served only with the development tools (DEV_SIGN_IN_ENABLED), to
 * every role but service; one simulation at a time (a start while one runs answers that one). Once
 * `stop()` was called (shutdown) a start answers UNAVAILABLE.
 *
 * @example
 * const simulator = createDevSimulator({ tokens, baseUrl: () => url, servesEverything: true, shutdownSignal, logger, webhookPort: 8787 });
 * // routes: simulator.service; on shutdown: await simulator.stop();
 */
export function createDevSimulator(options: DevSimulatorOptions): DevSimulator {
  const holder = createSingleSimulation();
  const { logger } = options;
  const start = (request: StartSimulationRequest, context: HandlerContext) => {
    if (!options.servesEverything) {
      throw failedPrecondition(
        "this process does not serve all five services - start the simulation on one that does (plain npm start)",
      );
    }
    if (holder.closed || options.shutdownSignal.aborted) throw shuttingDown();
    const settings = simulationSettings(request);
    const url = options.baseUrl();
    // Checked just above, and nothing awaits in between: a closed holder never sees this start.
    const answer = holder.start((changed) => {
      const simulation = startSimulation({
        clients: clientsSignedBy(url, options.tokens),
        url,
        ...settings,
        webhooks: { port: options.webhookPort, host: options.webhookHost ?? "127.0.0.1" },
        drainMs: options.drainMs ?? 5_000,
        ...(options.now ? { now: options.now } : {}),
        hooks: {
          note: (line) => logger.debug({ simulation: line }, "simulator"),
          hint: (line) => logger.info({ simulation: line }, "simulator"),
          running: () => {
            changed();
            return undefined;
          },
        },
      });
      simulation.done.then(
        (summary) => logger.info({ orders: summary.orders.placed, totals: summary.totals }, "simulation ended"),
        (error: unknown) => logger.warn({ err: error }, "simulation failed to set up"),
      );
      return simulation;
    });
    if (answer.started) {
      const { subject, role } = requirePrincipal(context);
      logger.info({ ...settings, by: `${role}/${subject}` }, "simulation started");
    }
    return create(StartSimulationResponseSchema, {
      simulation: simulationToWire(answer.simulation.snapshot()),
      started: answer.started,
    });
  };
  const implementation: Partial<ServiceImpl<typeof SimulatorService>> = {
    startSimulation: start,
    async stopSimulation() {
      await holder.stop();
      return create(StopSimulationResponseSchema, { simulation: simulationToWire(holder.snapshot()) });
    },
    getSimulation: () => create(GetSimulationResponseSchema, { simulation: simulationToWire(holder.snapshot()) }),
    async *watchSimulation(_request, context) {
      const signal = AbortSignal.any([context.signal, options.shutdownSignal]);
      for await (const simulation of watchSimulation(holder, signal)) {
        yield create(WatchSimulationResponseSchema, { simulation });
      }
    },
  };
  return { service: { descriptor: SimulatorService, implementation }, stop: () => holder.close() };
}

function shuttingDown(): DomainError {
  return new DomainError("unavailable", "the process is shutting down");
}
