import { describe, expect, it } from "vitest";
import { notificationsSettings } from "./settings.js";

describe("notificationsSettings", () => {
  it("leases a notification for longer than any send may take", () => {
    expect(notificationsSettings.read({})).toMatchObject({
      emailTimeoutMs: 30_000,
      webhookTimeoutMs: 10_000,
      notifyLeaseMs: 60_000,
    });
    expect(
      notificationsSettings.read({ EMAIL_TIMEOUT_MS: "1000", WEBHOOK_TIMEOUT_MS: "500", NOTIFY_LEASE_MS: "2000" }),
    ).toMatchObject({ notifyLeaseMs: 2_000 });
  });

  it("refuses a lease that a send could outlast, naming the variable", () => {
    expect(() => notificationsSettings.read({ WEBHOOK_TIMEOUT_MS: "60000" })).toThrow(
      "NOTIFY_LEASE_MS: 60000 must be at least 61000 (1 s longer than EMAIL_TIMEOUT_MS and WEBHOOK_TIMEOUT_MS)",
    );
    expect(() => notificationsSettings.read({ EMAIL_TIMEOUT_MS: "5000", NOTIFY_LEASE_MS: "5500" })).toThrow(
      /NOTIFY_LEASE_MS: 5500 must be at least 11000/,
    );
  });
});

describe("WEBHOOK_ALLOWED_HOSTS", () => {
  it("is empty by default, and names the entry it cannot read", () => {
    expect(notificationsSettings.read({}).webhookAllowList).toEqual([]);
    expect(
      notificationsSettings.read({ WEBHOOK_ALLOWED_HOSTS: "127.0.0.1, localhost:8080" }).webhookAllowList,
    ).toHaveLength(2);
    expect(() => notificationsSettings.read({ WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/99" })).toThrow(
      /WEBHOOK_ALLOWED_HOSTS: "10.0.0.0\/99" is not a CIDR/,
    );
    expect(() => notificationsSettings.read({ WEBHOOK_ALLOWED_HOSTS: "http://x/y" })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });
});
