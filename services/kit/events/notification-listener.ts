import pg from "pg";
import { toDatabaseError } from "../database/index.js";
import type { Logger } from "../logging/logger.js";

/** Options of {@link createNotificationListener}. */
export interface NotificationListenerOptions {
  readonly databaseUrl: string;
  readonly channel: string;
  readonly logger: Logger;
  /**
   * Called on every notification with its payload, and without one after a reconnect
   * (notifications may have been missed meanwhile).
   */
  readonly onNotify: (payload?: string) => void;
  /** Delay before reconnecting a dropped connection (default 1000 ms). */
  readonly reconnectDelayMs?: number;
}

/** A `LISTEN` on a dedicated connection (pool connections cannot hold a LISTEN). */
export interface NotificationListener {
  /** Connects and listens; throws {@link DependencyUnavailableError} if PostgreSQL is unreachable. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates a listener that keeps a `LISTEN channel` open on its own `pg.Client`, reconnecting
 * whenever the connection drops.
 *
 * @example
 * const listener = createNotificationListener({ databaseUrl, channel: "inventory_outbox", logger, onNotify: wake });
 * await listener.start();
 */
export function createNotificationListener(options: NotificationListenerOptions): NotificationListener {
  const { databaseUrl, channel, logger, onNotify } = options;
  let client: pg.Client | undefined;
  let stopped = true;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    // Named so operators (and tests) can find it in pg_stat_activity.
    const next = new pg.Client({ connectionString: databaseUrl, application_name: `waybill-listen:${channel}` });
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload);
    });
    next.on("error", (error) => logger.warn({ err: error, channel }, "LISTEN connection failed"));
    next.on("end", () => {
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${next.escapeIdentifier(channel)}`);
    } catch (error) {
      next.removeAllListeners("end");
      await next.end().catch(() => undefined);
      throw toDatabaseError(error, databaseUrl);
    }
    if (stopped) {
      await next.end();
      return;
    }
    client = next;
  }

  function scheduleReconnect(): void {
    if (stopped || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => onNotify(),
        (error: unknown) => {
          logger.warn({ err: error, channel }, "LISTEN reconnect failed; retrying");
          scheduleReconnect();
        },
      );
    }, options.reconnectDelayMs ?? 1_000);
  }

  return {
    async start() {
      stopped = false;
      try {
        await connect();
      } catch (error) {
        stopped = true;
        throw error;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      retry = undefined;
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
}
