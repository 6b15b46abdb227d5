/** Lower-case SQL identifier: the schema name is also used in a NOTIFY channel and log lines. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,54}$/;

/**
 * Throws unless `schema` is a plain lower-case identifier (letters, digits, underscore; at most
 * 55 characters so derived names such as `${schema}_outbox` stay within PostgreSQL's 63).
 *
 * @example
 * assertSchemaName("inventory"); // ok
 * assertSchemaName("Inventory; drop"); // throws
 */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
}
