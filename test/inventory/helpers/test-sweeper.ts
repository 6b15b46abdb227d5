import type { Kysely } from "kysely";
import type { InventoryDatabase } from "../../../services/inventory/storage/inventory-database.js";
import { createExpirySweeper, type ExpirySweeper } from "../../../services/inventory/workers/expiry-sweeper.js";
import { createOutbox } from "../../../services/kit/events/index.js";
import type { Logger } from "../../../services/kit/logging/logger.js";
import { createTestLogger } from "../../support/index.js";

/**
 * An expiry sweeper of its own (as another replica would run) on a test environment's database,
 * driven by the test through `sweepOnce`, `start` and `stop`.
 */
export function createTestSweeper(
  db: Kysely<InventoryDatabase>,
  prefix: string,
  intervalMs = 60_000,
  logger: Logger = createTestLogger(),
): ExpirySweeper {
  return createExpirySweeper(
    {
      db,
      outbox: createOutbox({ schema: "inventory", prefix, domain: "inventory" }),
      snapshotEvery: 100,
      now: () => new Date(),
      logger,
    },
    { intervalMs },
  );
}
