import { describe, expect, it } from "vitest";
import { developmentAuthSecret, serviceNames } from "./config.js";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

describe("loadConfig", () => {
  it("has working defaults for this machine", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      databaseUrl: "postgres://root@127.0.0.1:5432/waybill",
      natsUrl: "nats://127.0.0.1:4222",
      eventPrefix: "waybill",
      authSecret: developmentAuthSecret,
      authSecretIsDefault: true,
      services: serviceNames,
    });
  });

  it("lets flags override the environment", () => {
    const config = loadConfig({ PORT: "9000", SERVICES: "fleet" }, { services: ["orders", "orders"], port: "8082" });
    expect(config.port).toBe(8082);
    expect(config.services).toEqual(["orders"]);
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ NATS_URL: "nats://a:4222,http://b" }, "NATS_URL"],
    [{ EVENT_PREFIX: "Way.Bill" }, "EVENT_PREFIX"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ NODE_ENV: "production" }, "AUTH_SECRET"],
    [{ SERVICES: "inventory,billing" }, "--service"],
    [{ SHUTDOWN_GRACE_MS: "-1" }, "SHUTDOWN_GRACE_MS"],
    [{ FLEET_TIME_SCALE: "0" }, "FLEET_TIME_SCALE"],
    [{ FLEET_ZONE_TRAVEL_MS: "north:100" }, "FLEET_ZONE_TRAVEL_MS"],
    [{ FLEET_ZONE_TRAVEL_MS: "North=100" }, "FLEET_ZONE_TRAVEL_MS"],
    [{ PLATFORM_URL: "ftp://ads.example" }, "PLATFORM_URL"],
    [{ PLATFORM_URL: "a=http://x,a=http://y" }, "PLATFORM_URL"],
    [{ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }, "PLATFORM_URL"],
    [{ PLATFORM_TIMEOUT_MS: "5" }, "PLATFORM_TIMEOUT_MS"],
    [{ PLATFORM_RETRIES: "11" }, "PLATFORM_RETRIES"],
    [{ PLATFORM_BACKOFF_MS: "-1" }, "PLATFORM_BACKOFF_MS"],
    [{ RECONCILE_INTERVAL_MS: "soon" }, "RECONCILE_INTERVAL_MS"],
    [{ SMTP_URL: "http://mail.example" }, "SMTP_URL"],
    [{ SMTP_URL: "smtp://user:secret@" }, "SMTP_URL"],
    [{ ADMIN_EMAIL: "ops" }, "ADMIN_EMAIL"],
    [{ MAIL_FROM: "Waybill" }, "MAIL_FROM"],
    [{ MAIL_DIR: " " }, "MAIL_DIR"],
    [{ WEBHOOK_MAX_ATTEMPTS: "0" }, "WEBHOOK_MAX_ATTEMPTS"],
    [{ WEBHOOK_TIMEOUT_MS: "ten" }, "WEBHOOK_TIMEOUT_MS"],
    [{ EMAIL_MAX_ATTEMPTS: "101" }, "EMAIL_MAX_ATTEMPTS"],
    [{ NOTIFY_RETRY_BASE_MS: "0" }, "NOTIFY_RETRY_BASE_MS"],
    [{ NOTIFY_POLL_MS: "1" }, "NOTIFY_POLL_MS"],
    [{ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), SERVICES: "notifications" }, "SMTP_URL"],
  ])("refuses %o naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message.startsWith(`${variable}: `)).toBe(true);
    }
  });

  it("reads the fleet's simulated durations per zone", () => {
    const config = loadConfig({ FLEET_TIME_SCALE: "0.001", FLEET_ZONE_TRAVEL_MS: "north=900000, south=300000" });
    expect(config.fleetTimeScale).toBe(0.001);
    expect(config.fleetZoneTravelMs).toEqual({ north: 900_000, south: 300_000 });
  });

  it("accepts a real secret in production", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      PLATFORM_URL: "https://ads.example",
      SMTP_URL: "smtps://mail.example",
    });
    expect(config.authSecretIsDefault).toBe(false);
  });

  it("simulates the ad platform in development and reads named platforms otherwise", () => {
    expect(loadConfig({})).toMatchObject({
      platformUrls: {},
      platformSimulator: true,
      platformTimeoutMs: 5_000,
      platformRetries: 2,
      platformBackoffMs: 300,
      reconcileIntervalMs: 60_000,
    });
    expect(loadConfig({ PLATFORM_URL: "http://127.0.0.1:4010/" })).toMatchObject({
      platformUrls: { megaphone: "http://127.0.0.1:4010" },
      platformSimulator: false,
    });
    expect(
      loadConfig({ PLATFORM_URL: "megaphone=http://a:1, blare=https://b/api", RECONCILE_INTERVAL_MS: "0" }),
    ).toMatchObject({
      platformUrls: { megaphone: "http://a:1", blare: "https://b/api" },
      reconcileIntervalMs: 0,
    });
    expect(
      loadConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), SERVICES: "orders" }).platformSimulator,
    ).toBe(true);
  });

  it("writes mail to the dev folder without SMTP_URL and reads the notification settings", () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: undefined,
      mailFrom: "Waybill <no-reply@waybill.localhost>",
      adminEmail: undefined,
      mailDir: ".waybill/mail",
      emailMaxAttempts: 10,
      webhookMaxAttempts: 10,
      webhookTimeoutMs: 10_000,
      notifyRetryBaseMs: 10_000,
      notifyPollMs: 500,
    });
    const config = loadConfig({
      SMTP_URL: "smtp://user:pass@127.0.0.1:2525",
      MAIL_FROM: "Acme Orders <orders@acme.example>",
      ADMIN_EMAIL: "ops@waybill.example",
      WEBHOOK_MAX_ATTEMPTS: "3",
      NOTIFY_POLL_MS: "20",
    });
    expect(config).toMatchObject({
      smtpUrl: "smtp://user:pass@127.0.0.1:2525",
      mailFrom: "Acme Orders <orders@acme.example>",
      adminEmail: "ops@waybill.example",
      webhookMaxAttempts: 3,
      notifyPollMs: 20,
    });
  });
});
