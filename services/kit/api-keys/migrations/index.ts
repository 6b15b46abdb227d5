import type { Migration } from "kysely";
import { apiKeysTable } from "./0001-api-keys.js";

/** Migrations of the `access` schema, applied at start by every process (under the migrator's lock). */
export const accessMigrations: Readonly<Record<string, Migration>> = {
  "0001-api-keys": apiKeysTable,
};
