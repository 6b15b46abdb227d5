/**
 * PostgreSQL access for Waybill services: a Kysely instance over a pool, database creation and
 * removal, schema migrations, the friendly error for an unreachable server, and the one test of
 * "the database is unavailable for now" that RPCs and consumers share, and of a transaction that
 * lost a conflict with concurrent ones; the pool's metrics, and brief, sampled reads for the
 * metrics that come from SQL.
 */

export type { AnyDatabase } from "./any-database.js";
export { isTransactionConflict } from "./conflict-errors.js";
export { isDatabaseUnavailable, isUnreachableError, toDatabaseError } from "./connection-errors.js";
export { databaseNameOf, describeEndpoint, withDatabase } from "./connection-url.js";
export { type CreateDatabaseOptions, createDatabase } from "./create-database.js";
export { DatabaseSaturatedError } from "./database-saturated-error.js";
export { type DeleteOlderThanOptions, deleteOlderThan } from "./delete-older-than.js";
export { type Dependency, DependencyUnavailableError } from "./dependency-unavailable-error.js";
export { dropDatabase } from "./drop-database.js";
export { ensureDatabase } from "./ensure-database.js";
export { createGroupCommit, type GroupCommit, type GroupCommitOptions } from "./group-commit.js";
export { type MigrateSchemaOptions, migrateSchema } from "./migrate-schema.js";
export { type ObservePoolOptions, observePool, type PoolCounts } from "./pool-metrics.js";
export { readBriefly } from "./read-briefly.js";
export { createSampledReading, type SampledReading, type SampledReadingOptions } from "./sampled-reading.js";
export { assertSchemaName } from "./schema-name.js";
export { statementTime } from "./statement-time.js";
export { parseInt8 } from "./type-parsers.js";
