/** Names of the five Waybill services, as used by `--service` and in schemas and subjects. */
export const serviceNames = ["inventory", "orders", "fleet", "campaigns", "notifications"] as const;

/** One of the five Waybill services. */
export type ServiceName = (typeof serviceNames)[number];

/**
 * Process configuration, read from the environment once at start (see {@link loadConfig}) and
 * passed down explicitly; nothing else reads `process.env`.
 */
export interface WaybillConfig {
  /** Interface to listen on (`HOST`). */
  readonly host: string;
  /** Port serving Connect, gRPC and gRPC-Web (`PORT`); 0 picks a free port. */
  readonly port: number;
  /** PostgreSQL connection string (`DATABASE_URL`); the database is created when missing. */
  readonly databaseUrl: string;
  /** Connections in this process's PostgreSQL pool, shared by its services (`DATABASE_POOL_SIZE`). */
  readonly databasePoolSize: number;
  /** NATS server(s) with JetStream (`NATS_URL`, comma-separated for a cluster). */
  readonly natsUrl: string;
  /** Prefix of subjects and stream names (`EVENT_PREFIX`), so several installations share a server. */
  readonly eventPrefix: string;
  /** Replicas of each JetStream stream (`STREAM_REPLICAS`): 1 on a single server, 3 on a cluster. */
  readonly streamReplicas: number;
  /** HMAC secret for bearer tokens (`AUTH_SECRET`). */
  readonly authSecret: string;
  /** True when `AUTH_SECRET` was not set and the development default is in use. */
  readonly authSecretIsDefault: boolean;
  /** pino level (`LOG_LEVEL`). */
  readonly logLevel: string;
  /** Origins allowed by CORS (`CORS_ORIGINS`, comma-separated; `*` for any). */
  readonly corsOrigins: readonly string[];
  /** Milliseconds that shutdown waits for in-flight work before closing connections (`SHUTDOWN_GRACE_MS`). */
  readonly shutdownGraceMs: number;
  /** Services this process runs (`--service`, or `SERVICES`); all five by default. */
  readonly services: readonly ServiceName[];
  /**
   * Where each service answers when it does not run in this process (`INVENTORY_URL`,
   * `ORDERS_URL`, ...); services in this process are called in memory.
   */
  readonly peerUrls: Readonly<Record<ServiceName, string>>;
  /** How long an unconfirmed stock hold lives before it is released (`RESERVATION_TTL_MS`). */
  readonly reservationTtlMs: number;
  /** How often expired holds are looked for (`RESERVATION_SWEEP_MS`). */
  readonly reservationSweepMs: number;
  /** A stock snapshot is written every this many ledger entries of an item (`STOCK_SNAPSHOT_EVERY`). */
  readonly stockSnapshotEvery: number;
  /**
   * Multiplier of every simulated fleet duration (`FLEET_TIME_SCALE`): 1 is real time, 0.001 turns
   * a 10-minute flight into 0.6 s (tests).
   */
  readonly fleetTimeScale: number;
  /** One-way travel time between base and customer, before scaling (`FLEET_TRAVEL_MS`). */
  readonly fleetTravelMs: number;
  /** Travel times of particular zones (`FLEET_ZONE_TRAVEL_MS`, e.g. `north=900000,south=300000`). */
  readonly fleetZoneTravelMs: Readonly<Record<string, number>>;
  /** Time to load an order onto a drone, before scaling (`FLEET_LOAD_MS`). */
  readonly fleetLoadMs: number;
  /** How often Fleet looks for flight steps that are due (`FLEET_TICK_MS`). */
  readonly fleetTickMs: number;
  /**
   * Ad platforms of Campaigns by name (`PLATFORM_URL`: one URL for the platform `megaphone`, or
   * `name=url,...`). Empty when {@link platformSimulator} is on.
   */
  readonly platformUrls: Readonly<Record<string, string>>;
  /**
   * True when `PLATFORM_URL` is unset and `NODE_ENV` is not `production`: Campaigns then starts
   * the platform simulator in process, as the platform `megaphone`.
   */
  readonly platformSimulator: boolean;
  /** How long one call to an ad platform may take (`PLATFORM_TIMEOUT_MS`). */
  readonly platformTimeoutMs: number;
  /** Retries of a failed platform call: timeouts, lost connections, 429 and 5xx (`PLATFORM_RETRIES`). */
  readonly platformRetries: number;
  /** Pause before the first retry of a platform call, doubling after each (`PLATFORM_BACKOFF_MS`). */
  readonly platformBackoffMs: number;
  /** How often the campaign reconciler runs (`RECONCILE_INTERVAL_MS`); 0 runs it only on request. */
  readonly reconcileIntervalMs: number;
  // --- Notifications ---
  /** SMTP server of every email (`SMTP_URL`, `smtp://` or `smtps://`); unset writes each email to `mailDir` instead. */
  readonly smtpUrl: string | undefined;
  /** Sender of every email (`MAIL_FROM`), an address or `Name <address>`. */
  readonly mailFrom: string;
  /** The operator's address (`ADMIN_EMAIL`), copied on low-stock and out-of-stock emails; unset for none. */
  readonly adminEmail: string | undefined;
  /** Folder where emails are written as `.eml` files while `SMTP_URL` is unset (`MAIL_DIR`). */
  readonly mailDir: string;
  /** Attempts of an email before it is DEAD (`EMAIL_MAX_ATTEMPTS`). */
  readonly emailMaxAttempts: number;
  /** Events older than this when consumed are not emailed (`EMAIL_MAX_EVENT_AGE_MS`): a replay sends no stale mail. */
  readonly emailMaxEventAgeMs: number;
  /** Attempts of a webhook delivery before it is DEAD (`WEBHOOK_MAX_ATTEMPTS`). */
  readonly webhookMaxAttempts: number;
  /** How long a webhook endpoint may take to answer (`WEBHOOK_TIMEOUT_MS`). */
  readonly webhookTimeoutMs: number;
  /** First retry delay of a failed notification, doubled per attempt, with jitter (`NOTIFY_RETRY_BASE_MS`). */
  readonly notifyRetryBaseMs: number;
  /** How often each replica looks for notifications due (`NOTIFY_POLL_MS`). */
  readonly notifyPollMs: number;
  /** `NODE_ENV`. */
  readonly nodeEnv: string;
}

/** The development secret, refused when `NODE_ENV=production`. */
export const developmentAuthSecret = "waybill-development-secret-do-not-use-in-production";
