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

describe("WEBHOOK_SECRET_KEY", () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");

  it("is required in production, and derived from AUTH_SECRET elsewhere", () => {
    const production = { NODE_ENV: "production", SMTP_URL: "smtps://user:password@smtp.example:465" };
    expect(() => notificationsSettings.read(production)).toThrow(
      "WEBHOOK_SECRET_KEY: must be set when NODE_ENV=production",
    );
    const derived = notificationsSettings.read({ AUTH_SECRET: "a".repeat(40) });
    expect(derived.webhookSecretKeyDerived).toBe(true);
    expect(derived.webhookSecretKeys.current.id).toBe("derived");
    expect(notificationsSettings.read({ AUTH_SECRET: "b".repeat(40) }).webhookSecretKeys.current.key).not.toEqual(
      derived.webhookSecretKeys.current.key,
    );
  });

  it("reads id:key pairs, the first sealing, and refuses bad ones without echoing a key", () => {
    const settings = notificationsSettings.read({
      NODE_ENV: "production",
      SMTP_URL: "smtps://user:password@smtp.example:465",
      WEBHOOK_SECRET_KEY: `new:${key(2)}, old:${key(1)}`,
    });
    expect(settings.webhookSecretKeyDerived).toBe(false);
    expect(settings.webhookSecretKeys.current.id).toBe("new");
    expect([...settings.webhookSecretKeys.byId.keys()]).toEqual(["new", "old"]);
    expect(() => notificationsSettings.read({ WEBHOOK_SECRET_KEY: "k1:c2hvcnQ=" })).toThrow(
      "WEBHOOK_SECRET_KEY: key k1 must be 32 bytes in base64",
    );
    expect(() => notificationsSettings.read({ WEBHOOK_SECRET_KEY: key(3) })).toThrow(/WEBHOOK_SECRET_KEY: pair 1/);
    expect(() => notificationsSettings.read({ WEBHOOK_SECRET_KEY: `a:${key(1)},a:${key(2)}` })).toThrow(
      "WEBHOOK_SECRET_KEY: lists a key id twice",
    );
  });
});
