import { developmentAuthSecret, type ServiceName, serviceNames, type WaybillConfig } from "./config.js";
import { ConfigError } from "./config-error.js";

/** Environment variables read by {@link loadConfig}. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Command-line overrides: `--service` (repeatable) and `--port`. */
export interface ConfigOverrides {
  readonly services?: readonly string[];
  readonly port?: string;
}

/**
 * Reads and validates the configuration. Throws {@link ConfigError} naming the first bad value.
 *
 * @example
 * const config = loadConfig(process.env, { services: ["orders"], port: "8082" });
 */
export function loadConfig(env: Environment, overrides: ConfigOverrides = {}): WaybillConfig {
  const nodeEnv = env.NODE_ENV ?? "development";
  const secret = env.AUTH_SECRET;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError("AUTH_SECRET", "must be at least 32 characters long");
  }
  if (secret === undefined && nodeEnv === "production") {
    throw new ConfigError("AUTH_SECRET", "must be set when NODE_ENV=production");
  }
  const servicesText = overrides.services?.length ? overrides.services.join(",") : env.SERVICES;
  const services = servicesText ? parseServices(servicesText) : serviceNames;
  return {
    host: env.HOST ?? "127.0.0.1",
    port: parsePort("PORT", overrides.port ?? env.PORT ?? "8080"),
    databaseUrl: parseUrl("DATABASE_URL", env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/waybill", [
      "postgres:",
      "postgresql:",
    ]),
    databasePoolSize: parseInteger("DATABASE_POOL_SIZE", env.DATABASE_POOL_SIZE ?? "20", 1, 1000),
    natsUrl: parseNatsUrls(env.NATS_URL ?? "nats://127.0.0.1:4222"),
    eventPrefix: parsePrefix(env.EVENT_PREFIX ?? "waybill"),
    streamReplicas: parseInteger("STREAM_REPLICAS", env.STREAM_REPLICAS ?? "1", 1, 5),
    authSecret: secret ?? developmentAuthSecret,
    authSecretIsDefault: secret === undefined,
    logLevel: parseLogLevel(env.LOG_LEVEL ?? "info"),
    corsOrigins: (env.CORS_ORIGINS ?? "*")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    shutdownGraceMs: parseInteger("SHUTDOWN_GRACE_MS", env.SHUTDOWN_GRACE_MS ?? "10000", 0, 600_000),
    services,
    reservationTtlMs: parseInteger("RESERVATION_TTL_MS", env.RESERVATION_TTL_MS ?? "300000", 100, 86_400_000),
    reservationSweepMs: parseInteger("RESERVATION_SWEEP_MS", env.RESERVATION_SWEEP_MS ?? "5000", 10, 3_600_000),
    stockSnapshotEvery: parseInteger("STOCK_SNAPSHOT_EVERY", env.STOCK_SNAPSHOT_EVERY ?? "100", 1, 1_000_000),
    fleetTimeScale: parseScale("FLEET_TIME_SCALE", env.FLEET_TIME_SCALE ?? "1"),
    fleetTravelMs: parseInteger("FLEET_TRAVEL_MS", env.FLEET_TRAVEL_MS ?? "600000", 0, 86_400_000),
    fleetZoneTravelMs: parseZoneDurations("FLEET_ZONE_TRAVEL_MS", env.FLEET_ZONE_TRAVEL_MS ?? ""),
    fleetLoadMs: parseInteger("FLEET_LOAD_MS", env.FLEET_LOAD_MS ?? "60000", 0, 86_400_000),
    fleetTickMs: parseInteger("FLEET_TICK_MS", env.FLEET_TICK_MS ?? "200", 5, 60_000),
    ...parseCampaignsSettings(env, nodeEnv, services),
    ...parseNotificationsSettings(env, nodeEnv, services),
    peerUrls: Object.fromEntries(
      serviceNames.map((name) => {
        const variable = `${name.toUpperCase()}_URL`;
        return [name, parseUrl(variable, env[variable] ?? "http://127.0.0.1:8080", ["http:", "https:"])];
      }),
    ) as Record<ServiceName, string>,
    nodeEnv,
  };
}

function parseInteger(variable: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `"${text}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseScale(variable: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1000) {
    throw new ConfigError(variable, `"${text}" is not a number above 0 and at most 1000`);
  }
  return value;
}

function parseZoneDurations(variable: string, text: string): Record<string, number> {
  const durations: Record<string, number> = {};
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [zone, ms, ...rest] = part.split("=");
    if (!zone || ms === undefined || rest.length > 0 || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(zone)) {
      throw new ConfigError(
        variable,
        `"${part}" is not zone=milliseconds (zones are lower-case letters, digits, _ and -)`,
      );
    }
    durations[zone] = parseInteger(variable, ms, 0, 86_400_000);
  }
  return durations;
}

function parsePort(variable: string, text: string): number {
  return parseInteger(variable, text, 0, 65535);
}

function parseUrl(variable: string, text: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(variable, `"${text}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `"${url.protocol}" is not one of ${protocols.join(", ")}`);
  }
  return text;
}

function parseNatsUrls(text: string): string {
  for (const part of text.split(",")) parseUrl("NATS_URL", part.trim(), ["nats:", "tls:"]);
  return text;
}

function parsePrefix(text: string): string {
  if (!/^[a-z][a-z0-9]{0,30}$/.test(text)) {
    throw new ConfigError("EVENT_PREFIX", `"${text}" must be lower-case letters and digits, starting with a letter`);
  }
  return text;
}

function parseLogLevel(text: string): string {
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  if (!levels.includes(text)) throw new ConfigError("LOG_LEVEL", `"${text}" is not one of ${levels.join(", ")}`);
  return text;
}

function parseServices(text: string): ServiceName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(serviceNames as readonly string[]).includes(name)) {
      throw new ConfigError("--service", `"${name}" is not one of ${serviceNames.join(", ")}`);
    }
  }
  return [...new Set(names)] as ServiceName[];
}

/** Campaigns' settings: its ad platforms (or the in-process simulator), their calls, the reconciler. */
function parseCampaignsSettings(env: Environment, nodeEnv: string, services: readonly ServiceName[]) {
  const urls = env.PLATFORM_URL ?? "";
  if (urls === "" && nodeEnv === "production" && services.includes("campaigns")) {
    throw new ConfigError(
      "PLATFORM_URL",
      "must be set when NODE_ENV=production (the platform simulator is for development)",
    );
  }
  return {
    platformUrls: parsePlatformUrls(urls),
    platformSimulator: urls === "",
    platformTimeoutMs: parseInteger("PLATFORM_TIMEOUT_MS", env.PLATFORM_TIMEOUT_MS ?? "5000", 10, 600_000),
    platformRetries: parseInteger("PLATFORM_RETRIES", env.PLATFORM_RETRIES ?? "2", 0, 10),
    platformBackoffMs: parseInteger("PLATFORM_BACKOFF_MS", env.PLATFORM_BACKOFF_MS ?? "300", 0, 60_000),
    reconcileIntervalMs: parseInteger("RECONCILE_INTERVAL_MS", env.RECONCILE_INTERVAL_MS ?? "60000", 0, 86_400_000),
  };
}

/** `http://host:port` (the platform `megaphone`) or `name=url,name=url`. */
function parsePlatformUrls(text: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const named = /^([a-z0-9][a-z0-9_-]{0,62})=(.*)$/.exec(part);
    const [name, url] = named ? [named[1]!, named[2]!] : ["megaphone", part];
    if (name in urls) throw new ConfigError("PLATFORM_URL", `names the platform "${name}" twice`);
    urls[name] = parseUrl("PLATFORM_URL", url, ["http:", "https:"]).replace(/\/+$/, "");
  }
  return urls;
}

/** Notifications' settings: email (SMTP or the dev mail folder), webhooks, retries and polling. */
function parseNotificationsSettings(env: Environment, nodeEnv: string, services: readonly ServiceName[]) {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl === undefined && nodeEnv === "production" && services.includes("notifications")) {
    throw new ConfigError(
      "SMTP_URL",
      "must be set when NODE_ENV=production (the mail folder MAIL_DIR is for development)",
    );
  }
  const adminEmail = env.ADMIN_EMAIL || undefined;
  const mailFrom = env.MAIL_FROM ?? "Waybill <no-reply@waybill.localhost>";
  if (!/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom.trim()))
    throw new ConfigError("MAIL_FROM", `"${mailFrom}" is not an address or Name <address>`);
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(adminEmail))
    throw new ConfigError("ADMIN_EMAIL", `"${adminEmail}" is not an email address`);
  const mailDir = env.MAIL_DIR ?? ".waybill/mail";
  if (mailDir.trim() === "") throw new ConfigError("MAIL_DIR", "must name a folder");
  return {
    smtpUrl: smtpUrl === undefined ? undefined : parseSmtpUrl(smtpUrl),
    mailFrom: mailFrom.trim(),
    adminEmail,
    mailDir,
    emailMaxAttempts: parseInteger("EMAIL_MAX_ATTEMPTS", env.EMAIL_MAX_ATTEMPTS ?? "10", 1, 100),
    emailMaxEventAgeMs: parseInteger(
      "EMAIL_MAX_EVENT_AGE_MS",
      env.EMAIL_MAX_EVENT_AGE_MS ?? "86400000",
      1_000,
      31_536_000_000,
    ),
    webhookMaxAttempts: parseInteger("WEBHOOK_MAX_ATTEMPTS", env.WEBHOOK_MAX_ATTEMPTS ?? "10", 1, 100),
    webhookTimeoutMs: parseInteger("WEBHOOK_TIMEOUT_MS", env.WEBHOOK_TIMEOUT_MS ?? "10000", 10, 120_000),
    notifyRetryBaseMs: parseInteger("NOTIFY_RETRY_BASE_MS", env.NOTIFY_RETRY_BASE_MS ?? "10000", 1, 3_600_000),
    notifyPollMs: parseInteger("NOTIFY_POLL_MS", env.NOTIFY_POLL_MS ?? "500", 5, 60_000),
  };
}

/** `SMTP_URL`, checked without echoing it: it may carry a password. */
function parseSmtpUrl(text: string): string {
  let protocol: string;
  try {
    protocol = new URL(text).protocol;
  } catch {
    throw new ConfigError("SMTP_URL", "is not a URL like smtps://user:password@host:465");
  }
  if (protocol !== "smtp:" && protocol !== "smtps:")
    throw new ConfigError("SMTP_URL", `"${protocol}" is not one of smtp:, smtps:`);
  return text;
}
