import type { Kysely } from "kysely";
import type { InventoryDatabase } from "../../../services/inventory/storage/inventory-database.js";
import { schemaSql } from "../../support/schema-sql.js";

/**
 * Direct SQL on a test environment's inventory schema, for what no RPC may do (tampering with a
 * level to prove RebuildStock finds it) or show (reservation rows). Call `destroy()` when done.
 */
export function inventorySql(databaseUrl: string): Kysely<InventoryDatabase> {
  return schemaSql<InventoryDatabase>(databaseUrl, "inventory");
}
