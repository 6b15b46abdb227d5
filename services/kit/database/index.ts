/**
 * PostgreSQL access for Waybill services: a Kysely instance over a pool, database creation and
 * removal, schema migrations, and the friendly error for an unreachable server.
 */
export { createDatabase, type CreateDatabaseOptions } from "./create-database.js";
export { ensureDatabase } from "./ensure-database.js";
export { dropDatabase } from "./drop-database.js";
export { migrateSchema, type MigrateSchemaOptions } from "./migrate-schema.js";
export { assertSchemaName } from "./schema-name.js";
export { DependencyUnavailableError, type Dependency } from "./dependency-unavailable-error.js";
export { isUnreachableError, toDatabaseError } from "./connection-errors.js";
export { describeEndpoint, databaseNameOf, withDatabase } from "./connection-url.js";
export { parseInt8 } from "./type-parsers.js";
