import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { inventoryService } from "../../../services/inventory/index.js";
import type { InventoryDatabase } from "../../../services/inventory/storage/index.js";
import { schemaSql } from "../../support/index.js";
import { accessOf, startTestWaybill, type WaybillAccess } from "../../support/test-waybill.js";

/** Inventory alone for one test file, with the clients its tests use and SQL on its schema. */
export interface InventoryHarness extends WaybillAccess {
  /** A client of brand acme. */
  readonly acme: Waybill;
  readonly admin: Waybill;
  /** A client of the `service` role, as Orders calls Inventory. */
  readonly service: Waybill;
  /** Direct SQL on the inventory schema, for what no RPC may do or show (tampering, reservation rows). */
  readonly sql: Kysely<InventoryDatabase>;
  stop(): Promise<void>;
}

/**
 * Starts Inventory alone on its own database and event prefix, with `env` added to its settings.
 *
 * @example
 * const h = await startInventoryHarness({ STOCK_SNAPSHOT_EVERY: "3" });
 */
export async function startInventoryHarness(env: Readonly<Record<string, string>> = {}): Promise<InventoryHarness> {
  const waybill = await startTestWaybill({ definitions: [inventoryService], env });
  const sql = schemaSql<InventoryDatabase>(waybill.env.databaseUrl, "inventory");
  return {
    ...accessOf(waybill),
    acme: await waybill.as("brand", "acme"),
    admin: await waybill.as("admin"),
    service: await waybill.as("service"),
    sql,
    async stop() {
      await sql.destroy();
      await waybill.stop();
    },
  };
}
