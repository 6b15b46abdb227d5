import type { Waybill } from "../../../sdk/src/index.js";
import { createWaybill, type NodeWaybillOptions } from "../../../sdk/src/node.js";
import { inventoryService } from "../../../services/inventory/index.js";
import { type RunningWaybill, startWaybill } from "../../../services/kit/app/index.js";
import type { RoleName } from "../../../services/kit/auth/index.js";
import { loadConfig } from "../../../services/kit/config/index.js";
import { createLogger } from "../../../services/kit/logging/logger.js";
import type { TestWaybill } from "../../support/test-waybill.js";

/** The secret `startTestWaybill` signs tokens with; a replica must share it. */
const secret = "test-secret-of-at-least-thirty-two-characters";

/** Another Waybill process (a replica) on the database and event prefix of a test Waybill. */
export interface Replica {
  readonly url: string;
  readonly running: RunningWaybill;
  as(role: RoleName, brandId?: string, protocol?: NodeWaybillOptions["protocol"]): Promise<Waybill>;
  /** Stops the replica only; the environment belongs to the first instance. */
  stop(): Promise<void>;
}

/**
 * Starts a second Inventory replica sharing `first`'s database and event prefix, as another
 * process of the same deployment would. Stop it before `first`.
 *
 * @example
 * const replica = await startReplica(waybill, { RESERVATION_SWEEP_MS: "50" });
 */
export async function startReplica(first: TestWaybill, env: Readonly<Record<string, string>> = {}): Promise<Replica> {
  const config = loadConfig({
    DATABASE_URL: first.env.databaseUrl,
    NATS_URL: first.env.natsUrl,
    EVENT_PREFIX: first.env.prefix,
    AUTH_SECRET: secret,
    PORT: "0",
    SHUTDOWN_GRACE_MS: "500",
    SERVICES: "inventory",
    ...env,
  });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const running = await startWaybill({ config, logger, definitions: [inventoryService] });
  return {
    url: running.url,
    running,
    async as(role, brandId, protocol) {
      return createWaybill({
        baseUrl: running.url,
        token: await first.token(role, brandId),
        ...(protocol ? { protocol } : {}),
      });
    },
    stop: () => running.stop(),
  };
}
