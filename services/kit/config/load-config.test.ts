import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";
import { integer } from "./setting-validators.js";
import { defineSettings, describeSettings } from "./settings.js";
import { developmentAuthSecret, waybillSettings } from "./waybill-settings.js";

const noSettings = defineSettings({}, () => ({}));
const tickSettings = defineSettings(
  { TICK_MS: integer(5, 60_000)({ default: 200, desc: "how often to tick" }) },
  (values) => ({ tickMs: values.TICK_MS }),
);
const catalog = [
  { name: "inventory", settings: noSettings },
  { name: "orders", settings: noSettings },
  { name: "fleet", settings: tickSettings },
];

/** The variable a bad configuration is refused for. */
function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { variable, message } = error as ConfigError;
    expect(message.startsWith(`${variable}: `)).toBe(true);
    return variable;
  }
  throw new Error("the configuration was accepted");
}

describe("loadConfig", () => {
  it("has working defaults for this machine and runs every service", () => {
    expect(loadConfig({}, {}, catalog)).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      databaseUrl: "postgres://root@127.0.0.1:5432/waybill",
      natsUrl: "nats://127.0.0.1:4222",
      eventPrefix: "waybill",
      eventDuplicateWindowMs: 120_000,
      eventRelayLeaseMs: 5_000,
      eventRelayLingerMs: 5,
      eventAckWaitMs: 10_000,
      eventConsumerBatch: 64,
      authSecret: developmentAuthSecret,
      authSecretIsDefault: true,
      tokenMaxLifetimeSeconds: 2_592_000,
      recordExpiry: { idempotencyRetentionHours: 72, inboxRetentionHours: 336, sweepIntervalMs: 600_000 },
      corsOrigins: ["*"],
      maxStreamsPerPrincipal: 20,
      services: ["inventory", "orders", "fleet"],
      peerUrls: { inventory: "http://127.0.0.1:8080", orders: "http://127.0.0.1:8080", fleet: "http://127.0.0.1:8080" },
      production: false,
    });
  });

  it("lets flags override the environment, keeping the catalog's order and no duplicates", () => {
    const config = loadConfig(
      { PORT: "9000", SERVICES: "fleet" },
      { services: ["orders", "inventory", "orders"], port: "8082" },
      catalog,
    );
    expect(config.port).toBe(8082);
    expect(config.services).toEqual(["inventory", "orders"]);
    expect(loadConfig({ SERVICES: "fleet, orders" }, {}, catalog).services).toEqual(["orders", "fleet"]);
    expect(loadConfig({ ORDERS_URL: "https://orders.internal" }, {}, catalog).peerUrls.orders).toBe(
      "https://orders.internal",
    );
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ NATS_URL: "nats://a:4222,http://b" }, "NATS_URL"],
    [{ EVENT_PREFIX: "Way.Bill" }, "EVENT_PREFIX"],
    [{ EVENT_PREFIX: "_shop" }, "EVENT_PREFIX"],
    [{ EVENT_PREFIX: "shop-eu" }, "EVENT_PREFIX"],
    [{ EVENT_DUPLICATE_WINDOW_MS: "500" }, "EVENT_DUPLICATE_WINDOW_MS"],
    [{ EVENT_RELAY_LEASE_MS: "40000" }, "EVENT_RELAY_LEASE_MS"],
    [{ EVENT_RELAY_LEASE_MS: "5000", EVENT_DUPLICATE_WINDOW_MS: "10000" }, "EVENT_RELAY_LEASE_MS"],
    [{ EVENT_ACK_WAIT_MS: "0" }, "EVENT_ACK_WAIT_MS"],
    [{ EVENT_CONSUMER_BATCH: "0" }, "EVENT_CONSUMER_BATCH"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ NODE_ENV: "production" }, "AUTH_SECRET"],
    [{ TOKEN_MAX_LIFETIME_SECONDS: "3600" }, "TOKEN_MAX_LIFETIME_SECONDS"],
    [{ IDEMPOTENCY_RETENTION_HOURS: "0" }, "IDEMPOTENCY_RETENTION_HOURS"],
    [{ INBOX_RETENTION_HOURS: "24", EVENT_DUPLICATE_WINDOW_MS: "86400000" }, "INBOX_RETENTION_HOURS"],
    [{ SHUTDOWN_GRACE_MS: "-1" }, "SHUTDOWN_GRACE_MS"],
    [{ STREAM_REPLICAS: "7" }, "STREAM_REPLICAS"],
    [{ SERVICES: "inventory,billing" }, "SERVICES"],
    [{ FLEET_URL: "ftp://fleet" }, "FLEET_URL"],
    [{ REQUEST_MAX_BYTES: "10" }, "REQUEST_MAX_BYTES"],
    [{ HTTP_HEADERS_TIMEOUT_MS: "40000" }, "HTTP_HEADERS_TIMEOUT_MS"],
    [{ HTTP2_MAX_CONCURRENT_STREAMS: "0" }, "HTTP2_MAX_CONCURRENT_STREAMS"],
    [{ CORS_ALLOWED_ORIGINS: "https://console.example/" }, "CORS_ALLOWED_ORIGINS"],
    [{ CORS_ALLOWED_ORIGINS: "https://console.example/app" }, "CORS_ALLOWED_ORIGINS"],
    [{ CORS_ALLOWED_ORIGINS: "console.example" }, "CORS_ALLOWED_ORIGINS"],
    [{ CORS_ALLOWED_ORIGINS: "ftp://console.example" }, "CORS_ALLOWED_ORIGINS"],
    [{ MAX_STREAMS_PER_PRINCIPAL: "-1" }, "MAX_STREAMS_PER_PRINCIPAL"],
  ])("refuses %o naming %s", (env, variable) => {
    expect(refusal(() => loadConfig(env, {}, catalog))).toBe(variable);
  });

  it("accepts an event prefix with underscores, and a lease up to a quarter of the duplicate window", () => {
    expect(loadConfig({ EVENT_PREFIX: "shop_eu" }, {}, catalog).eventPrefix).toBe("shop_eu");
    expect(
      loadConfig(
        { EVENT_DUPLICATE_WINDOW_MS: "20000", EVENT_RELAY_LEASE_MS: "5000", EVENT_ACK_WAIT_MS: "3000" },
        {},
        catalog,
      ),
    ).toMatchObject({ eventDuplicateWindowMs: 20_000, eventRelayLeaseMs: 5_000, eventAckWaitMs: 3_000 });
  });

  it("names the flag for an unknown --service, and says what production is missing", () => {
    expect(refusal(() => loadConfig({}, { services: ["billing"] }, catalog))).toBe("--service");
    expect(() => loadConfig({ NODE_ENV: "production" }, {}, catalog)).toThrow(
      "AUTH_SECRET: must be set when NODE_ENV=production",
    );
  });

  it("reads the settings of the services that will run, and only theirs", () => {
    expect(refusal(() => loadConfig({ TICK_MS: "1" }, {}, catalog))).toBe("TICK_MS");
    expect(loadConfig({ TICK_MS: "1" }, { services: ["orders"] }, catalog).services).toEqual(["orders"]);
    expect(tickSettings.read({ TICK_MS: "10" })).toEqual({ tickMs: 10 });
  });

  it("accepts a real secret in production", () => {
    const config = loadConfig({ NODE_ENV: "production", AUTH_SECRET: "vS3q+J0x9cLr2mWb7TzK4hYd1PfA8nGe" }, {}, catalog);
    expect(config).toMatchObject({ authSecretIsDefault: false, production: true });
  });

  it("allows any CORS origin outside production by default, none in production, and what is listed", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "vS3q+J0x9cLr2mWb7TzK4hYd1PfA8nGe" };
    expect(loadConfig(production, {}, catalog).corsOrigins).toEqual([]);
    const listed = "https://console.example, http://localhost:5173,null";
    expect(loadConfig({ ...production, CORS_ALLOWED_ORIGINS: listed }, {}, catalog).corsOrigins).toEqual([
      "https://console.example",
      "http://localhost:5173",
      "null",
    ]);
    expect(loadConfig({ CORS_ALLOWED_ORIGINS: "" }, {}, catalog).corsOrigins).toEqual([]);
    expect(loadConfig({ MAX_STREAMS_PER_PRINCIPAL: "0" }, {}, catalog).maxStreamsPerPrincipal).toBe(0);
  });

  it.each([
    [developmentAuthSecret, "is the published development secret"],
    ["x".repeat(40), "has only 1 distinct characters"],
    ["ab".repeat(30), "has only 2 distinct characters"],
    ["abc1".repeat(10), "has only 4 distinct characters"],
  ])("refuses the weak secret %s in production, saying why", (secret, reason) => {
    expect(() => loadConfig({ NODE_ENV: "production", AUTH_SECRET: secret }, {}, catalog)).toThrow(
      `AUTH_SECRET: ${reason}`,
    );
    expect(loadConfig({ AUTH_SECRET: secret }, {}, catalog).authSecret).toBe(secret);
  });

  it("documents every variable with its default", () => {
    const docs = describeSettings(waybillSettings);
    expect(docs.find((doc) => doc.name === "PORT")).toMatchObject({ default: "8080" });
    expect(docs.find((doc) => doc.name === "AUTH_SECRET")).toMatchObject({
      default: "a development value (required in production)",
    });
    expect(docs.find((doc) => doc.name === "CORS_ALLOWED_ORIGINS")).toMatchObject({ default: "unset" });
    expect(docs.find((doc) => doc.name === "MAX_STREAMS_PER_PRINCIPAL")).toMatchObject({ default: "20" });
    expect(docs.every((doc) => doc.description.length > 0)).toBe(true);
  });
});
