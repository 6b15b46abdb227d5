import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { InventoryDatabase } from "../../../services/inventory/storage/inventory-database.js";
import { parseInt8 } from "../../../services/kit/database/index.js";

/**
 * Direct SQL on a test environment's inventory schema, for what no RPC may do (tampering with a
 * level to prove RebuildStock finds it) or show (reservation rows). Call `destroy()` when done.
 */
export function inventorySql(databaseUrl: string): Kysely<InventoryDatabase> {
  const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === 20 ? parseInt8 : pg.types.getTypeParser(oid, format ?? "text")) };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, types: types as pg.CustomTypesConfig });
  return new Kysely<InventoryDatabase>({ dialect: new PostgresDialect({ pool }) }).withSchema("inventory");
}
