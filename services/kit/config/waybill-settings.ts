import { bool, EnvError, makeExactValidator, str } from "envalid";
import { describeRateLimitDefaults, parseRateLimitPolicy } from "../rate-limits/rate-limit-policy.js";
import type { ConnectionLimits } from "../server/connection-limits.js";
import { ConfigError } from "./config-error.js";
import { productionSecret } from "./secret-strength.js";
import {
  integer,
  list,
  matching,
  originList,
  rateLimitPolicy,
  secret,
  urlListOf,
  urlOf,
} from "./setting-validators.js";
import { defineSettings } from "./settings.js";

/** The development secret, refused when `NODE_ENV=production`. */
export const developmentAuthSecret = "waybill-development-secret-do-not-use-in-production";

/** SIMULATOR_WEBHOOK_PORT unless set; `npm run simulate --webhook-port` defaults to it too. */
export const defaultSimulatorWebhookPort = 8787;

/**
 * Comma-separated HTTP header names (RFC 9110 tokens), returned in lower case. `*` is refused:
 * browsers do not let it cover `Authorization`, so a wildcard would promise more than it gives.
 */
const headerNameList = makeExactValidator<readonly string[]>((text) => {
  const names = text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const name of names) {
    if (name === "*" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new EnvError(`"${name}" is not a header name like x-partner-ref (list each header; * is not accepted)`);
    }
  }
  return names.map((name) => name.toLowerCase());
});

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
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(
      0,
      86_400_000,
    )({
      default: 15_000,
      desc: "PostgreSQL ends a pool session left idle inside a transaction this long, releasing its locks (a frozen process cannot keep them); 0 turns it off",
    }),
    NATS_URL: urlListOf(["nats:", "tls:"])({
      default: "nats://127.0.0.1:4222",
      desc: "NATS with JetStream (comma-separated for a cluster)",
    }),
    EVENT_PREFIX: matching(
      /^[a-z][a-z0-9_]{0,30}$/,
      "must be lower-case letters, digits and underscores, starting with a letter",
    )({
      default: "waybill",
      desc: "prefix of subjects (waybill.inventory.StockChanged) and streams (WAYBILL_INVENTORY)",
    }),
    EVENT_DUPLICATE_WINDOW_MS: integer(
      1_000,
      86_400_000,
    )({
      default: 120_000,
      desc: "duplicate window of the event streams: a repeated event id published within it is dropped",
    }),
    EVENT_RELAY_LEASE_MS: integer(
      100,
      600_000,
    )({
      default: 5_000,
      desc: "how long an outbox relay holds the rows it claimed; a stalled relay's rows go to another after it (at most a quarter of EVENT_DUPLICATE_WINDOW_MS)",
    }),
    EVENT_RELAY_LINGER_MS: integer(
      0,
      1_000,
    )({
      default: 5,
      desc: "how long a busy outbox relay waits between batches that were not full, gathering what is written meanwhile (writers send it no NOTIFY while it is busy)",
    }),
    EVENT_ACK_WAIT_MS: integer(
      1_000,
      600_000,
    )({
      default: 10_000,
      desc: "how long a consumer's message waits for a sign of life before JetStream hands it to another replica (held messages are kept alive every third of it)",
    }),
    EVENT_CONSUMER_BATCH: integer(
      1,
      1_000,
    )({
      default: 64,
      desc: "most events a durable consumer handles in one transaction (those already pulled and waiting; 1 handles each alone); a failed batch is handled again one event at a time",
    }),
    STREAM_REPLICAS: integer(1, 5)({ default: 1, desc: "replicas of each JetStream stream (3 on a cluster)" }),
    AUTH_SECRET: secret(32)({
      devDefault: developmentAuthSecret,
      desc: "HMAC secret of bearer tokens, 32 characters or more; NODE_ENV=production refuses the development secret and weak ones (under 32 bytes, fewer than 8 distinct characters)",
    }),
    TOKEN_MAX_LIFETIME_SECONDS: integer(
      // Tokens between services are signed for 12 hours (app/service-clients.ts).
      43_200,
      31_536_000,
    )({
      default: 2_592_000,
      desc: "longest lifetime (exp - iat) a bearer token may have; a token without exp or living longer is refused UNAUTHENTICATED (at least 12 h: service tokens live that long)",
    }),
    IDEMPOTENCY_RETENTION_HOURS: integer(
      1,
      87_600,
    )({
      default: 72,
      desc: "how long an idempotency key's stored answer is kept; a retry with the key after that is a new request",
    }),
    INBOX_RETENTION_HOURS: integer(
      1,
      87_600,
    )({
      default: 336,
      desc: "how long a consumer remembers an event it handled (its inbox row), to drop redeliveries; longer than EVENT_DUPLICATE_WINDOW_MS",
    }),
    EXPIRY_SWEEP_INTERVAL_MS: integer(
      100,
      86_400_000,
    )({
      default: 600_000,
      desc: "how often each replica deletes expired idempotency keys and inbox rows (in batches, side by side with other replicas)",
    }),
    LOG_LEVEL: str({ choices: logLevels, default: "info", desc: "pino level" }),
    CORS_ALLOWED_ORIGINS: originList({
      default: undefined,
      desc: "origins browsers may call from (CORS), comma-separated, each exactly scheme://host[:port], or * for any; unset: any origin outside production, none in production; null is allowed only when listed",
    }),
    CORS_ALLOWED_HEADERS: headerNameList({
      default: [],
      desc: "request headers browsers may send (CORS) beside Connect's, gRPC-Web's, authorization, traceparent, tracestate and baggage, comma-separated header names (for example x-partner-ref); * is not accepted",
    }),
    REFLECTION_ENABLED: bool({
      default: true,
      desc: "serve gRPC server reflection (grpc.reflection.v1 and v1alpha) so that grpcurl, buf curl --reflect and Postman need no schema file; it needs no token and shows only the public contracts of the services served (false hides them)",
    }),
    API_DOCS_ENABLED: bool({
      default: true,
      desc: "serve the API reference at /docs (swagger-ui) and the OpenAPI 3.1 document of the Connect JSON API at /docs/openapi.json; public and not rate-limited, it shows only the public contracts (false hides them)",
    }),
    CONSOLE_ENABLED: bool({
      default: true,
      desc: "serve the console (the browser app) at / and every path that is not an RPC, /docs or a probe; public and not rate-limited, like /docs (false leaves those paths to the API)",
    }),
    CONSOLE_DIR: str({
      default: undefined,
      desc: "the console's build, a directory with index.html; unset: console/dist of this repository (npm run build -w @waybill/console); read at request time, so a rebuild is served without a restart",
    }),
    DEV_SIGN_IN_ENABLED: bool({
      default: undefined,
      desc: "serve the development sign-in (waybill.access.v1.DevSignInService): it mints a token for any role without a token, so that the console can be tried at once; unset: on only while AUTH_SECRET is the development default (outside production), so a server given a real secret never mints tokens unless told to; true is refused in production. The same switch serves the traffic simulator (waybill.dev.v1.SimulatorService, the console's simulator switch). On a development server (not production, AUTH_SECRET unset) npm start also sets FLEET_TIME_SCALE=0.05 and WEBHOOK_ALLOWED_HOSTS=127.0.0.1:8787 (the port SIMULATOR_WEBHOOK_PORT names) when they are unset (and logs it); DEV_SIGN_IN_ENABLED=true with a real secret does not",
    }),
    SIMULATOR_WEBHOOK_PORT: integer(
      1,
      65_535,
    )({
      default: defaultSimulatorWebhookPort,
      desc: "port on 127.0.0.1 of the webhook receiver of the simulation the console's switch runs in process (and the default --webhook-port of npm run simulate); the only loopback port the development default of WEBHOOK_ALLOWED_HOSTS lets through. Taken: the simulation runs without webhooks and says so in its notes",
    }),
    SERVICES: list({ default: [], desc: "comma-separated services to run (all by default); --service overrides" }),
    SHUTDOWN_GRACE_MS: integer(0, 600_000)({ default: 10_000, desc: "how long shutdown waits for in-flight RPCs" }),
    SHUTDOWN_READINESS_DELAY_MS: integer(
      0,
      600_000,
    )({
      default: 0,
      desc: "on SIGTERM, how long the port keeps serving while /readyz and gRPC health already answer not ready, so that load balancers stop sending before it closes (5000-10000 behind Kubernetes Services or load balancers; 0 closes at once)",
    }),
    REQUEST_MAX_BYTES: integer(
      1_024,
      1_073_741_824,
    )({
      default: 1_048_576,
      desc: "largest request message in bytes, as sent and after decompression; a larger one is refused with RESOURCE_EXHAUSTED before it is read whole",
    }),
    REQUEST_MAX_JSON_DEPTH: integer(
      8,
      10_000,
    )({
      default: 64,
      desc: "deepest nesting of objects and arrays in a JSON request message (the contracts need 3); a deeper one is refused with INVALID_ARGUMENT before it is parsed",
    }),
    CONNECTION_FIRST_BYTES_TIMEOUT_MS: integer(
      100,
      600_000,
    )({
      default: 5_000,
      desc: "a new connection that has not sent enough to tell HTTP/1.1 from HTTP/2 within this time is closed",
    }),
    HTTP_HEADERS_TIMEOUT_MS: integer(
      100,
      600_000,
    )({
      default: 10_000,
      desc: "HTTP/1.1: a request's headers must arrive within this time (at most HTTP_REQUEST_TIMEOUT_MS)",
    }),
    HTTP_REQUEST_TIMEOUT_MS: integer(
      100,
      3_600_000,
    )({
      default: 30_000,
      desc: "HTTP/1.1 and HTTP/2: a whole request, headers and body, must arrive within this time; responses, server streams included, are not limited",
    }),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(
      100,
      3_600_000,
    )({
      default: 5_000,
      desc: "HTTP/1.1: a keep-alive connection idle between requests this long is closed",
    }),
    HTTP2_SETTINGS_TIMEOUT_MS: integer(
      100,
      600_000,
    )({
      default: 5_000,
      desc: "HTTP/2: the client's SETTINGS frame must follow its preface within this time",
    }),
    HTTP2_IDLE_TIMEOUT_MS: integer(
      100,
      86_400_000,
    )({
      default: 300_000,
      desc: "HTTP/2: a session with no open stream for this long is closed with GOAWAY (clients reconnect); an open stream, however quiet, keeps it",
    }),
    HTTP2_MAX_CONCURRENT_STREAMS: integer(
      1,
      10_000,
    )({
      default: 100,
      desc: "HTTP/2: the most streams (RPCs, Watch streams included) one connection may have open at once",
    }),
    MAX_CONNECTIONS: integer(
      1,
      1_000_000,
    )({
      default: 1_000,
      desc: "the most connections open at once on the port; further ones are closed when accepted",
    }),
    MAX_CONNECTIONS_PER_ADDRESS: integer(
      0,
      1_000_000,
    )({
      default: 0,
      desc: "the most connections one client address may have open at once (0: no cap); set it when clients connect directly, not through a proxy or load balancer that gives them all its address",
    }),
    MAX_STREAMS_PER_PRINCIPAL: integer(
      0,
      1_000_000,
    )({
      default: 20,
      desc: "the most server streams (WatchStock, WatchActivity, WatchFleet; Health/Watch without a token, per client address) one caller (role and subject) may have open at once on this process; one more is refused with RESOURCE_EXHAUSTED (0: no cap)",
    }),
    RATE_LIMITS: rateLimitPolicy({
      default: describeRateLimitDefaults(),
      desc: "token-bucket limits per caller, shared by every replica (NATS KV): off, or comma-separated scope=count/unit[:burst] pairs over the defaults; a scope is a role (anonymous: calls without a valid token, per client address), brand:<brand id> or key:<token subject or API key id>, which override the role; a limit may be off; a call over its limit is refused RESOURCE_EXHAUSTED with RetryInfo (see SECURITY.md)",
    }),
    TRUSTED_PROXY_HOPS: integer(
      0,
      10,
    )({
      default: 0,
      desc: "proxies of your own in front of Waybill (load balancer, ingress) that append the client's address to X-Forwarded-For; rate limits and stream caps of callers without a token then count the address the farthest of them saw (0: the socket's address; never set it higher than the proxies really there, or clients choose their own address)",
    }),
    RATE_LIMIT_STORE_TIMEOUT_MS: integer(
      10,
      60_000,
    )({
      default: 500,
      desc: "how long a replica waits for the shared rate-limit buckets (NATS KV); without an answer it counts alone, per replica, for 5 s instead of failing or holding calls",
    }),
  },
  (values, env) => ({
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databaseIdleInTransactionTimeoutMs: values.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    natsUrl: values.NATS_URL,
    eventPrefix: values.EVENT_PREFIX,
    eventDuplicateWindowMs: values.EVENT_DUPLICATE_WINDOW_MS,
    eventRelayLeaseMs: relayLease(values.EVENT_RELAY_LEASE_MS, values.EVENT_DUPLICATE_WINDOW_MS),
    eventRelayLingerMs: values.EVENT_RELAY_LINGER_MS,
    eventAckWaitMs: values.EVENT_ACK_WAIT_MS,
    eventConsumerBatch: values.EVENT_CONSUMER_BATCH,
    streamReplicas: values.STREAM_REPLICAS,
    authSecret: productionSecret(values.AUTH_SECRET, env.NODE_ENV === "production", developmentAuthSecret),
    authSecretIsDefault: env.AUTH_SECRET === undefined,
    tokenMaxLifetimeSeconds: values.TOKEN_MAX_LIFETIME_SECONDS,
    recordExpiry: recordExpiry(values),
    logLevel: values.LOG_LEVEL,
    // Unset: the console and local tools work in development; production opens nothing by itself.
    corsOrigins: values.CORS_ALLOWED_ORIGINS ?? (env.NODE_ENV === "production" ? [] : ["*"]),
    corsAllowedHeaders: values.CORS_ALLOWED_HEADERS,
    reflectionEnabled: values.REFLECTION_ENABLED,
    apiDocsEnabled: values.API_DOCS_ENABLED,
    consoleEnabled: values.CONSOLE_ENABLED,
    consoleDir: values.CONSOLE_DIR,
    devSignInEnabled: devSignIn(
      values.DEV_SIGN_IN_ENABLED,
      env.NODE_ENV === "production",
      env.AUTH_SECRET === undefined,
    ),
    simulatorWebhookPort: values.SIMULATOR_WEBHOOK_PORT,
    maxStreamsPerPrincipal: values.MAX_STREAMS_PER_PRINCIPAL,
    rateLimits: parseRateLimitPolicy(values.RATE_LIMITS),
    rateLimitStoreTimeoutMs: values.RATE_LIMIT_STORE_TIMEOUT_MS,
    trustedProxyHops: values.TRUSTED_PROXY_HOPS,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    shutdownReadinessDelayMs: values.SHUTDOWN_READINESS_DELAY_MS,
    requestMaxBytes: values.REQUEST_MAX_BYTES,
    requestMaxJsonDepth: values.REQUEST_MAX_JSON_DEPTH,
    connectionLimits: connectionLimits(values),
    services: values.SERVICES,
    production: env.NODE_ENV === "production",
  }),
);

/**
 * Whether to serve the development sign-in: by default only on a development server (not
 * production, and still on the development token secret: a staging server given a real
 * AUTH_SECRET does not mint tokens unless told to); refused in production, where it would let
 * anyone who reaches the port become an admin.
 */
function devSignIn(enabled: boolean | undefined, production: boolean, defaultSecret: boolean): boolean {
  if (enabled === true && production) {
    throw new ConfigError("DEV_SIGN_IN_ENABLED", "refused when NODE_ENV=production (anyone could mint an admin token)");
  }
  return enabled ?? (!production && defaultSecret);
}

/**
 * The relay lease, refused unless it is at most a quarter of the duplicate window: a stalled
 * relay's late publishes must fall inside the window that drops them (`services/kit/README.md`).
 */
function relayLease(leaseMs: number, duplicateWindowMs: number): number {
  if (leaseMs * 4 > duplicateWindowMs) {
    throw new ConfigError(
      "EVENT_RELAY_LEASE_MS",
      `${leaseMs} is more than a quarter of EVENT_DUPLICATE_WINDOW_MS (${duplicateWindowMs})`,
    );
  }
  return leaseMs;
}

/**
 * When idempotency keys and inbox rows expire, refusing an inbox kept no longer than the
 * duplicate window (see `events/delete-expired-inbox-rows.ts` for why the inbox may be pruned).
 */
function recordExpiry(values: {
  readonly IDEMPOTENCY_RETENTION_HOURS: number;
  readonly INBOX_RETENTION_HOURS: number;
  readonly EXPIRY_SWEEP_INTERVAL_MS: number;
  readonly EVENT_DUPLICATE_WINDOW_MS: number;
}): RecordExpiry {
  if (values.INBOX_RETENTION_HOURS * 3_600_000 <= values.EVENT_DUPLICATE_WINDOW_MS) {
    throw new ConfigError(
      "INBOX_RETENTION_HOURS",
      `${values.INBOX_RETENTION_HOURS} h is not longer than EVENT_DUPLICATE_WINDOW_MS (${values.EVENT_DUPLICATE_WINDOW_MS} ms)`,
    );
  }
  return {
    idempotencyRetentionHours: values.IDEMPOTENCY_RETENTION_HOURS,
    inboxRetentionHours: values.INBOX_RETENTION_HOURS,
    sweepIntervalMs: values.EXPIRY_SWEEP_INTERVAL_MS,
  };
}

/** How long the kit's bookkeeping rows live (`IDEMPOTENCY_RETENTION_HOURS`, `INBOX_RETENTION_HOURS`). */
export interface RecordExpiry {
  readonly idempotencyRetentionHours: number;
  readonly inboxRetentionHours: number;
  /** Pause between sweeps of one replica. */
  readonly sweepIntervalMs: number;
}

/**
 * The one port's timeouts and caps, refusing a headers timeout longer than the request timeout
 * (Node measures both from a request's first byte).
 */
function connectionLimits(values: {
  readonly CONNECTION_FIRST_BYTES_TIMEOUT_MS: number;
  readonly HTTP_HEADERS_TIMEOUT_MS: number;
  readonly HTTP_REQUEST_TIMEOUT_MS: number;
  readonly HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  readonly HTTP2_SETTINGS_TIMEOUT_MS: number;
  readonly HTTP2_IDLE_TIMEOUT_MS: number;
  readonly HTTP2_MAX_CONCURRENT_STREAMS: number;
  readonly MAX_CONNECTIONS: number;
  readonly MAX_CONNECTIONS_PER_ADDRESS: number;
}): ConnectionLimits {
  if (values.HTTP_HEADERS_TIMEOUT_MS > values.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      "HTTP_HEADERS_TIMEOUT_MS",
      `${values.HTTP_HEADERS_TIMEOUT_MS} is longer than HTTP_REQUEST_TIMEOUT_MS (${values.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  return {
    firstBytesTimeoutMs: values.CONNECTION_FIRST_BYTES_TIMEOUT_MS,
    headersTimeoutMs: values.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: values.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: values.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http2SettingsTimeoutMs: values.HTTP2_SETTINGS_TIMEOUT_MS,
    http2IdleTimeoutMs: values.HTTP2_IDLE_TIMEOUT_MS,
    http2MaxConcurrentStreams: values.HTTP2_MAX_CONCURRENT_STREAMS,
    maxConnections: values.MAX_CONNECTIONS,
    maxConnectionsPerAddress: values.MAX_CONNECTIONS_PER_ADDRESS,
  };
}

/**
 * Where each service answers when it does not run in this process (`<SERVICE>_URL`): the text as
 * written, one URL or a comma-separated list (`discovery/` parses, resolves and balances it).
 */
export function peerSettings(serviceNames: readonly string[]) {
  const variables = Object.fromEntries(
    serviceNames.map((name) => [
      peerVariable(name),
      urlListOf(["http:", "https:"])({
        default: "http://127.0.0.1:8080",
        desc: `where ${name} answers when it does not run in this process (co-located services are called in memory): one URL, or a comma-separated list of its replicas; a host name is resolved to all its addresses (a headless Service, compose replicas), again every 10 s and after a failed connection; calls are balanced with failover (services/kit/README.md)`,
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
