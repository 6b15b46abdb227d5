import { describe, expect, it } from "vitest";
import { withDevelopmentDefaults } from "./development-defaults.js";

describe("the development defaults of npm start", () => {
  it("fills in the fleet's time scale and the webhook allow list when the development tools are on", () => {
    const { env, applied } = withDevelopmentDefaults({ PORT: "8080" }, true);
    expect(applied).toEqual({ FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
    expect(env).toEqual({ PORT: "8080", FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  });

  it("leaves a variable that is set alone, even when empty", () => {
    const { env, applied } = withDevelopmentDefaults({ FLEET_TIME_SCALE: "1", WEBHOOK_ALLOWED_HOSTS: "" }, true);
    expect(applied).toEqual({});
    expect(env).toEqual({ FLEET_TIME_SCALE: "1", WEBHOOK_ALLOWED_HOSTS: "" });
  });

  it("applies nothing when the development tools are off (production, a real AUTH_SECRET)", () => {
    const given = { NODE_ENV: "production" };
    const { env, applied } = withDevelopmentDefaults(given, false);
    expect(applied).toEqual({});
    expect(env).toBe(given);
  });
});
