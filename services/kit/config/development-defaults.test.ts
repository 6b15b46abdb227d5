import { describe, expect, it } from "vitest";
import { withDevelopmentDefaults } from "./development-defaults.js";
import { waybillSettings } from "./waybill-settings.js";

const developmentServer = { production: false, authSecretIsDefault: true, simulatorWebhookPort: 8787 };

describe("the development defaults of npm start", () => {
  it("fills in the fleet's time scale and the simulator receiver's one port on a development server", () => {
    const { env, applied } = withDevelopmentDefaults({ PORT: "8080" }, developmentServer);
    expect(applied).toEqual({ FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1:8787" });
    expect(env).toEqual({ PORT: "8080", FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1:8787" });
  });

  it("lets through the port SIMULATOR_WEBHOOK_PORT names, 8787 unless set", () => {
    expect(waybillSettings.read({}).simulatorWebhookPort).toBe(8787);
    const settings = waybillSettings.read({ SIMULATOR_WEBHOOK_PORT: "9911" });
    const { applied } = withDevelopmentDefaults({}, settings);
    expect(applied.WEBHOOK_ALLOWED_HOSTS).toBe("127.0.0.1:9911");
    expect(() => waybillSettings.read({ SIMULATOR_WEBHOOK_PORT: "0" })).toThrow(/SIMULATOR_WEBHOOK_PORT/);
  });

  it("leaves a variable that is set alone, even when empty", () => {
    const { env, applied } = withDevelopmentDefaults(
      { FLEET_TIME_SCALE: "1", WEBHOOK_ALLOWED_HOSTS: "" },
      developmentServer,
    );
    expect(applied).toEqual({});
    expect(env).toEqual({ FLEET_TIME_SCALE: "1", WEBHOOK_ALLOWED_HOSTS: "" });
  });

  it("applies nothing in production", () => {
    const given = { NODE_ENV: "production" };
    const { env, applied } = withDevelopmentDefaults(given, { ...developmentServer, production: true });
    expect(applied).toEqual({});
    expect(env).toBe(given);
  });

  it("applies nothing with a real AUTH_SECRET, even when DEV_SIGN_IN_ENABLED=true turns the tools on", () => {
    const given = { AUTH_SECRET: "a-real-secret-of-a-staging-server-0123456789", DEV_SIGN_IN_ENABLED: "true" };
    const settings = waybillSettings.read(given);
    expect(settings.devSignInEnabled).toBe(true);
    const { env, applied } = withDevelopmentDefaults(given, settings);
    expect(applied).toEqual({});
    expect(env).toBe(given);
  });
});
