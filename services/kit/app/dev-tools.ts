import type { Logger } from "pino";
import type { TokenIssuer } from "../auth/index.js";
import type { WaybillConfig } from "../config/index.js";
import { ownUrl } from "../dev-simulator/own-url.js";
import type { ServedService } from "./service-definition.js";

/** What {@link createDevTools} needs of the process. */
export interface DevToolsOptions {
  readonly config: Pick<
    WaybillConfig,
    "devSignInEnabled" | "tokenMaxLifetimeSeconds" | "simulatorWebhookPort" | "host"
  >;
  readonly tokens: TokenIssuer;
  /** Whether this process serves all five services (the simulation calls them on its port). */
  readonly servesEverything: boolean;
  readonly shutdownSignal: AbortSignal;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The development tools of one process: what it serves, and the calls its start and stop make. */
export interface DevTools {
  /** The development sign-in and the traffic simulator; none when the tools are off. */
  readonly services: readonly ServedService[];
  /** The port is bound: the simulation calls the process there. */
  listening(port: number): void;
  /** Refuses new simulations, then stops the running one; first on shutdown, while the port answers. */
  stop(): Promise<void>;
}

/**
 * The development sign-in and the traffic simulator, served only while DEV_SIGN_IN_ENABLED. Every
 * process can sign tokens, so neither needs a particular service; the simulation calls the
 * process's own port once it is bound. Both (the simulator with its client SDK) are loaded only
 * when on: a production process does not pay for modules it never serves.
 *
 * @example
 * const devTools = await createDevTools({ config, tokens, servesEverything, shutdownSignal, logger, now });
 * // routes: devTools.services; once bound: devTools.listening(port); on shutdown: await devTools.stop();
 */
export async function createDevTools(options: DevToolsOptions): Promise<DevTools> {
  const { config } = options;
  if (!config.devSignInEnabled) return { services: [], listening: () => undefined, stop: async () => undefined };
  options.logger.warn("development sign-in is on: anyone reaching the port may mint a token (DEV_SIGN_IN_ENABLED)");
  const [{ createDevSignInService }, { createDevSimulator }] = await Promise.all([
    import("../dev-sign-in/index.js"),
    import("../dev-simulator/index.js"),
  ]);
  let selfUrl = "";
  const simulator = createDevSimulator({
    tokens: options.tokens,
    baseUrl: () => selfUrl,
    servesEverything: options.servesEverything,
    shutdownSignal: options.shutdownSignal,
    logger: options.logger,
    now: options.now,
    webhookPort: config.simulatorWebhookPort,
  });
  return {
    services: [
      createDevSignInService({ tokens: options.tokens, maxLifetimeSeconds: config.tokenMaxLifetimeSeconds }),
      simulator.service,
    ],
    listening(port) {
      selfUrl = ownUrl(config.host, port);
    },
    stop: () => simulator.stop(),
  };
}
