/**
 * Entry point of `npm start`: runs all five services (or those named with `--service`) on one
 * port until SIGINT or SIGTERM, then shuts down gracefully.
 *
 *   npm start
 *   npm start -- --service orders --port 8082
 */
import { parseArgs } from "node:util";
import { serviceDefinitions } from "./definitions.js";
import { startWaybill } from "./kit/app/index.js";
import { ConfigError, loadConfig } from "./kit/config/index.js";
import { DependencyUnavailableError } from "./kit/database/index.js";
import { createLogger } from "./kit/logging/logger.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { service: { type: "string", multiple: true }, port: { type: "string" } },
    strict: true,
  });
  const config = loadConfig(process.env, {
    ...(values.service ? { services: values.service } : {}),
    ...(values.port ? { port: values.port } : {}),
  });
  const logger = createLogger({ level: config.logLevel });
  const definitions = config.services.map((name) => serviceDefinitions[name]);
  const waybill = await startWaybill({ config, logger, definitions, env: process.env });
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
