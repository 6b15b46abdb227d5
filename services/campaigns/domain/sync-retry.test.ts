import { describe, expect, it } from "vitest";
import { maxSyncAttempts, nextSyncRetryAt, retryWaits, syncRetryDue } from "./sync-retry.js";

const at = (iso: string) => new Date(iso);
const now = at("2026-03-01T00:00:00Z");

describe("nextSyncRetryAt", () => {
  it("waits one minute after the first failed try and doubles after each further one", () => {
    expect(nextSyncRetryAt(now, 1)).toEqual(at("2026-03-01T00:01:00Z"));
    expect(nextSyncRetryAt(now, 2)).toEqual(at("2026-03-01T00:02:00Z"));
    expect(nextSyncRetryAt(now, 7)).toEqual(at("2026-03-01T01:04:00Z"));
  });

  it("gives up once the last attempt has failed", () => {
    expect(nextSyncRetryAt(now, maxSyncAttempts)).toBeNull();
    expect(nextSyncRetryAt(now, maxSyncAttempts + 1)).toBeNull();
  });
});

describe("syncRetryDue", () => {
  it("is due once its time has come, never after giving up", () => {
    expect(syncRetryDue(at("2026-03-01T00:00:00Z"), now)).toBe(true);
    expect(syncRetryDue(at("2026-03-01T00:00:01Z"), now)).toBe(false);
    expect(syncRetryDue(null, now)).toBe(false);
  });
});

describe("retryWaits", () => {
  it("holds a campaign back only after a failure for good, until its retry is due, and for good once given up", () => {
    expect(retryWaits(0, null, now)).toBe(false);
    expect(retryWaits(3, at("2026-03-01T00:00:01Z"), now)).toBe(true);
    expect(retryWaits(3, at("2026-03-01T00:00:00Z"), now)).toBe(false);
    expect(retryWaits(maxSyncAttempts, null, now)).toBe(true);
  });
});
