import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { developmentAuthSecret, serviceNames } from "./config.js";
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
    const config = loadConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) });
    expect(config.authSecretIsDefault).toBe(false);
  });
});
