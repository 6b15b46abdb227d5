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
  /** Delay before the first attempt to reconnect a dropped connection (default 250 ms); it doubles on each failure. */
  readonly reconnectDelayMs?: number;
  /** Longest delay between reconnect attempts (default 10000 ms). */
  readonly maxReconnectDelayMs?: number;
}

/** A `LISTEN` on a dedicated connection (pool connections cannot hold a LISTEN). */
export interface NotificationListener {
  /** Connects and listens; throws {@link DependencyUnavailableError} if PostgreSQL is unreachable. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** TCP keep-alive on the listening socket, so a connection whose server vanished is noticed. */
const keepAliveDelayMs = 10_000;

/**
 * Creates a listener that keeps a `LISTEN channel` open on its own `pg.Client`. When the
 * connection drops (a restart, `pg_terminate_backend`, a network failure) it logs the reason
 * once, reconnects by itself with a delay that doubles up to a cap (reset once connected), and
 * then calls `onNotify()` without a payload, since whatever was notified meanwhile was missed.
 * The connection's errors are always listened for, so a lost connection never crashes the process.
 *
 * @example
 * const listener = createNotificationListener({ databaseUrl, channel: "inventory_outbox", logger, onNotify: wake });
 * await listener.start();
 */
export function createNotificationListener(options: NotificationListenerOptions): NotificationListener {
  const { databaseUrl, channel, logger, onNotify } = options;
  const firstDelayMs = options.reconnectDelayMs ?? 250;
  const maxDelayMs = Math.max(options.maxReconnectDelayMs ?? 10_000, firstDelayMs);
  /** Clients whose connection has ended (checked when one ends before it is adopted). */
  const ended = new WeakSet<pg.Client>();
  let client: pg.Client | undefined;
  let stopped = true;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = firstDelayMs;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({
      connectionString: databaseUrl,
      // Named so operators (and tests) can find it in pg_stat_activity.
      application_name: `waybill-listen:${channel}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: keepAliveDelayMs,
    });
    let reported = false;
    next.on("error", (error) => {
      // A dropped connection reports twice (the server's reason, then the closed socket).
      if (reported) return;
      reported = true;
      logger.warn({ err: error, channel }, "LISTEN connection lost; reconnecting");
    });
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload);
    });
    next.once("end", () => {
      ended.add(next);
      if (client !== next) return; // stopped, or never adopted
      client = undefined;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${next.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw toDatabaseError(error, databaseUrl);
    }
    return next;
  }

  /**
   * Makes `next` the listening connection. "unneeded" when the listener stopped (or another
   * connection listens already), "ended" when `next` dropped before it could be used.
   */
  async function adopt(next: pg.Client): Promise<"listening" | "unneeded" | "ended"> {
    if (stopped || client !== undefined) {
      await next.end().catch(() => undefined);
      return "unneeded";
    }
    if (ended.has(next)) return "ended";
    client = next;
    return "listening";
  }

  function scheduleReconnect(): void {
    if (stopped || retry !== undefined) return;
    const waitMs = delayMs;
    delayMs = Math.min(delayMs * 2, maxDelayMs);
    // `retry` stays set until the attempt settles, so attempts never overlap.
    const timer: NodeJS.Timeout = setTimeout(() => {
      const settled = () => {
        if (retry === timer) retry = undefined;
      };
      connect()
        .then(adopt)
        .then(
          (outcome) => {
            settled();
            if (outcome === "ended") {
              scheduleReconnect();
            } else if (outcome === "listening") {
              delayMs = firstDelayMs;
              logger.info({ channel }, "LISTEN re-established");
              onNotify();
            }
          },
          (error: unknown) => {
            settled();
            logger.warn({ err: error, channel, retryInMs: delayMs }, "LISTEN reconnect failed; retrying");
            scheduleReconnect();
          },
        );
    }, waitMs);
    retry = timer;
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      delayMs = firstDelayMs;
      try {
        if ((await adopt(await connect())) === "ended") scheduleReconnect();
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
      await current?.end().catch(() => undefined);
    },
  };
}
