import { str } from "envalid";
import { integer, list, matching, secret, urlListOf, urlOf } from "./setting-validators.js";
import { defineSettings } from "./settings.js";

/** The development secret, refused when `NODE_ENV=production`. */
export const developmentAuthSecret = "waybill-development-secret-do-not-use-in-production";

/** Levels `LOG_LEVEL` accepts (pino's). */
const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The settings of the process itself, whatever services it runs: where it listens, the database
 * and NATS it uses, tokens, logs, CORS and shutdown. Each service declares its own on top.
 */
export const waybillSettings = defineSettings(
  {
    PORT: integer(
      0,
      65_535,
    )({
      default: 8080,
      desc: "port serving Connect, gRPC and gRPC-Web (0 picks a free one); --port overrides",
    }),
    HOST: str({ default: "127.0.0.1", desc: "interface to listen on" }),
    DATABASE_URL: urlOf(["postgres:", "postgresql:"])({
      default: "postgres://root@127.0.0.1:5432/waybill",
      desc: "PostgreSQL; the database is created if missing, each service uses its own schema",
    }),
    DATABASE_POOL_SIZE: integer(
      1,
      1000,
    )({
      default: 20,
      desc: "PostgreSQL connections of one process, shared by the services it runs",
    }),
    NATS_URL: urlListOf(["nats:", "tls:"])({
      default: "nats://127.0.0.1:4222",
      desc: "NATS with JetStream (comma-separated for a cluster)",
    }),
    EVENT_PREFIX: matching(
      /^[a-z][a-z0-9]{0,30}$/,
      "must be lower-case letters and digits, starting with a letter",
    )({
      default: "waybill",
      desc: "prefix of subjects (waybill.inventory.StockChanged) and streams (WAYBILL_INVENTORY)",
    }),
    STREAM_REPLICAS: integer(1, 5)({ default: 1, desc: "replicas of each JetStream stream (3 on a cluster)" }),
    AUTH_SECRET: secret(32)({
      devDefault: developmentAuthSecret,
      desc: "HMAC secret of bearer tokens, 32 characters or more",
    }),
    LOG_LEVEL: str({ choices: logLevels, default: "info", desc: "pino level" }),
    CORS_ORIGINS: list({ default: ["*"], desc: "origins allowed by CORS, comma-separated" }),
    SERVICES: list({ default: [], desc: "comma-separated services to run (all by default); --service overrides" }),
    SHUTDOWN_GRACE_MS: integer(0, 600_000)({ default: 10_000, desc: "how long shutdown waits for in-flight RPCs" }),
  },
  (values, env) => ({
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    natsUrl: values.NATS_URL,
    eventPrefix: values.EVENT_PREFIX,
    streamReplicas: values.STREAM_REPLICAS,
    authSecret: values.AUTH_SECRET,
    authSecretIsDefault: env.AUTH_SECRET === undefined,
    logLevel: values.LOG_LEVEL,
    corsOrigins: values.CORS_ORIGINS,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    services: values.SERVICES,
    production: env.NODE_ENV === "production",
  }),
);

/** Where each service answers when it does not run in this process (`<SERVICE>_URL`). */
export function peerSettings(serviceNames: readonly string[]) {
  const variables = Object.fromEntries(
    serviceNames.map((name) => [
      peerVariable(name),
      urlOf(["http:", "https:"])({
        default: "http://127.0.0.1:8080",
        desc: `where ${name} answers when it does not run in this process (co-located services are called in memory)`,
      }),
    ]),
  );
  return defineSettings(variables, (values) =>
    Object.fromEntries(serviceNames.map((name) => [name, String(values[peerVariable(name)])])),
  );
}

/** `orders` → `ORDERS_URL`. */
export function peerVariable(serviceName: string): string {
  return `${serviceName.toUpperCase()}_URL`;
}
