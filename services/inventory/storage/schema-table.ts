import { type RawBuilder, sql } from "kysely";

/** The schema of the inventory tables (the service's name). */
const inventorySchema = "inventory";

/**
 * A schema-qualified table for raw SQL: the schema-scoped kysely instance qualifies the tables of
 * built queries, not those of `sql` templates.
 *
 * @example
 * sql`select count(*) from ${inventoryTable("ledger")}`
 */
export function inventoryTable(name: string): RawBuilder<unknown> {
  return sql.table(`${inventorySchema}.${name}`);
}
