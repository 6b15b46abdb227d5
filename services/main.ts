/**
 * Entry point of `npm start`: runs all of Waybill's services (or those named with `--service`) on
 * one port until SIGINT or SIGTERM, then shuts down gracefully.
 *
 *   npm start
 *   npm start -- --service orders --port 8082
 *   npm start -- --help
 */
// First, so that the instrumentations are enabled before `pg` is evaluated (only when exporting).
import "./kit/telemetry/preload.js";
import { Command } from "commander";
import { serviceDefinitions } from "./definitions.js";
import { environmentHelp } from "./environment-help.js";
import { startWaybill } from "./kit/app/index.js";
import { ConfigError, loadConfig, withDevelopmentDefaults } from "./kit/config/index.js";
import { DependencyUnavailableError } from "./kit/database/index.js";
import { createLogger } from "./kit/logging/logger.js";

const names = serviceDefinitions.map((definition) => definition.name);

const program = new Command("npm start --")
  .description("Runs Waybill's services in one process, serving Connect, gRPC and gRPC-Web on one port.")
  .option("--service <name...>", `services to run, repeatable (default: all of ${names.join(", ")})`)
  .option("--port <port>", "port to listen on, 0 for any free one (default: PORT or 8080)")
  .addHelpText("after", environmentHelp())
  .showHelpAfterError("(run with --help for usage)");

async function main(): Promise<void> {
  const options = program.parse().opts<{ service?: string[]; port?: string }>();
  const config = loadConfig(
    process.env,
    { ...(options.service ? { services: options.service } : {}), ...(options.port ? { port: options.port } : {}) },
    serviceDefinitions,
  );
  const logger = createLogger({ level: config.logLevel, services: config.services });
  // A development server (not production, no AUTH_SECRET) makes the simulator show drones and webhooks at once.
  const { env, applied } = withDevelopmentDefaults(process.env, config);
  if (Object.keys(applied).length > 0) {
    const settings = Object.entries(applied).map(([name, value]) => `${name}=${value}`);
    logger.warn({ applied }, `development defaults (set them to override): ${settings.join(" ")}`);
  }
  const waybill = await startWaybill({ config, logger, catalog: serviceDefinitions, env });
  console.log(`Waybill (${config.services.join(", ")}) listening on ${waybill.url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down");
      waybill.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DependencyUnavailableError) {
    console.error(`waybill: ${error.message}`);
  } else {
    console.error("waybill: failed to start", error);
  }
  process.exit(1);
});
