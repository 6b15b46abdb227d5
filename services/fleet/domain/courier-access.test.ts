import { describe, expect, it } from "vitest";
import type { Principal } from "../../kit/auth/index.js";
import { assertActsAsItself, assertAvailabilitySetter, assertWatcher } from "./courier-access.js";

const rider: Principal = { role: "courier", subject: "c-1" };
const admin: Principal = { role: "admin", subject: "ops" };

describe("courier access", () => {
  it("lets a courier act only as itself, and operators for anyone", () => {
    expect(() => assertActsAsItself(rider, "c-1")).not.toThrow();
    expect(() => assertActsAsItself(rider, "c-2")).toThrow(/courier c-1 may not act for courier c-2/);
    expect(() => assertActsAsItself(admin, "c-2")).not.toThrow();
  });

  it("leaves maintenance to an admin", () => {
    expect(() => assertAvailabilitySetter(rider, "c-1", "offline")).not.toThrow();
    expect(() => assertAvailabilitySetter(rider, "c-1", "maintenance")).toThrow(/ONLINE or OFFLINE only/);
    expect(() => assertAvailabilitySetter(rider, "c-2", "online")).toThrow(/may not act for courier c-2/);
    expect(() => assertAvailabilitySetter(admin, "c-1", "maintenance")).not.toThrow();
  });

  it("lets a courier watch exactly itself, and operators any couriers", () => {
    expect(() => assertWatcher(rider, ["c-1"])).not.toThrow();
    for (const ids of [[], ["c-2"], ["c-1", "c-2"]]) {
      expect(() => assertWatcher(rider, ids)).toThrow(/watches only itself - set courier_ids to exactly \[c-1\]/);
    }
    expect(() => assertWatcher(admin, [])).not.toThrow();
    expect(() => assertWatcher(admin, ["c-2"])).not.toThrow();
  });
});
