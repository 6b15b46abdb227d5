/** Default port per URL scheme, used when a URL leaves it out. */
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  "postgres:": "5432",
  "postgresql:": "5432",
  "nats:": "4222",
  "tls:": "4222",
};

/**
 * `host:port` of a connection URL, without user or password, for logs and error messages.
 * Accepts bare `host:port` too (as NATS does).
 *
 * @example
 * describeEndpoint("postgres://root:secret@db:5433/waybill"); // "db:5433"
 */
export function describeEndpoint(url: string): string {
  const parsed = new URL(url.includes("://") ? url : `nats://${url}`);
  return `${parsed.hostname}:${parsed.port || (DEFAULT_PORTS[parsed.protocol] ?? "?")}`;
}

/**
 * The database name in a PostgreSQL URL (the path), or `undefined` when the URL names none.
 *
 * @example
 * databaseNameOf("postgres://root@127.0.0.1:5432/waybill"); // "waybill"
 */
export function databaseNameOf(url: string): string | undefined {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  return name === "" ? undefined : name;
}

/**
 * The same PostgreSQL URL pointing at another database on the same server (credentials and
 * query parameters kept).
 *
 * @example
 * withDatabase("postgres://root@127.0.0.1:5432/waybill", "postgres");
 * // "postgres://root@127.0.0.1:5432/postgres"
 */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
