import type { Kysely, Migration } from "kysely";
import {
  type IdempotencyTable,
  idempotencyRefusalsMigration,
  idempotencyRetentionMigration,
  idempotencyTableMigration,
} from "../idempotency/index.js";

/**
 * The `operations` schema: only the idempotency keys of `RedriveDeadLetters`. Every process serves
 * OperationsService, whatever services it runs, so the keys cannot live in a service's schema;
 * every process migrates it (whichever starts first applies it, under the migrator's lock).
 */
export const operationsSchema = "operations";

/** The tables of {@link operationsSchema}. */
export interface OperationsDatabase {
  readonly idempotency: IdempotencyTable;
}

/** Migrations of {@link operationsSchema}: the kit's idempotency table, as in a service schema. */
export const operationsMigrations: Readonly<Record<string, Migration>> = {
  "0000-kit-idempotency": idempotencyTableMigration,
  "0000-kit-idempotency-refusals": idempotencyRefusalsMigration,
  "0000-kit-idempotency-retention": idempotencyRetentionMigration,
};

/** `database` scoped to {@link operationsSchema}. */
export function operationsDatabase(database: Kysely<unknown>): Kysely<OperationsDatabase> {
  return database.withSchema(operationsSchema) as unknown as Kysely<OperationsDatabase>;
}
