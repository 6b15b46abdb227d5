import { describe, expect, it } from "vitest";
import { springSale } from "../../../test/campaigns/helpers/campaign-fixture.js";
import type { PlatformFields } from "./campaign-fields.js";
import { decideListed, decideUnlisted, type LocalSyncFacts } from "./reconcile-decision.js";

const remote: PlatformFields = springSale;
const local: LocalSyncFacts = { ...remote, syncState: "synced", changedSinceListing: false, retryWaits: false };

describe("decideListed", () => {
  it("leaves a matching copy alone and takes the platform's values into a drifted synced copy", () => {
    expect(decideListed(local, remote)).toEqual({ kind: "in_line" });
    expect(decideListed(local, { ...remote, name: "Renamed", status: "paused" })).toEqual({
      kind: "pull",
      fields: ["name", "status"],
    });
  });

  it("pushes a local change the platform has not seen, even when nothing differs any more", () => {
    expect(decideListed({ ...local, syncState: "failed", budgetMinor: 5 }, remote)).toEqual({
      kind: "push",
      fields: ["budget"],
    });
    expect(decideListed({ ...local, syncState: "pending" }, remote)).toEqual({ kind: "push", fields: [] });
  });

  it("removes an archived campaign from the platform and skips one changed during the reconcile", () => {
    expect(decideListed({ ...local, status: "archived", syncState: "local_only" }, remote)).toEqual({ kind: "remove" });
    expect(decideListed({ ...local, changedSinceListing: true, name: "New" }, remote)).toEqual({ kind: "skip" });
  });

  it("leaves a campaign whose retry waits alone, archived or not", () => {
    expect(decideListed({ ...local, syncState: "failed", retryWaits: true, name: "New" }, remote)).toEqual({
      kind: "skip",
    });
    expect(decideListed({ ...local, status: "archived", syncState: "failed", retryWaits: true }, remote)).toEqual({
      kind: "skip",
    });
  });
});

describe("decideUnlisted", () => {
  it("archives a campaign deleted on the platform and completes a pending removal", () => {
    expect(
      decideUnlisted({ status: "paused", syncState: "synced", changedSinceListing: false, retryWaits: false }),
    ).toEqual({
      kind: "archive",
    });
    expect(
      decideUnlisted({ status: "archived", syncState: "failed", changedSinceListing: false, retryWaits: false }),
    ).toEqual({
      kind: "removed",
    });
    expect(
      decideUnlisted({ status: "archived", syncState: "local_only", changedSinceListing: false, retryWaits: false }),
    ).toEqual({
      kind: "in_line",
    });
    expect(
      decideUnlisted({ status: "active", syncState: "synced", changedSinceListing: true, retryWaits: false }),
    ).toEqual({
      kind: "skip",
    });
    expect(
      decideUnlisted({ status: "archived", syncState: "failed", changedSinceListing: false, retryWaits: true }),
    ).toEqual({ kind: "skip" });
  });
});
