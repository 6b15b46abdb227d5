import { describe, expect, it } from "vitest";
import { consoleRefusal, homeOf, itemRoles, navigationFor } from "./navigation.js";
import type { RoleName } from "./session.js";

const roles: readonly RoleName[] = ["admin", "brand", "partner", "customer", "courier", "service"];
const brandPages = ["/items", "/orders", "/campaigns", "/webhooks", "/activity"];

describe("navigation", () => {
  it("sends every role that may sign in to a page it may open (no redirect loop)", () => {
    for (const role of roles) {
      if (consoleRefusal(role)) continue;
      const home = homeOf(role);
      expect(navigationFor(role).map((entry) => entry.path)).toContain(home);
      if (brandPages.includes(home)) expect(itemRoles).toContain(role);
    }
  });

  it("offers the brand's pages only to the roles whose routes allow them", () => {
    for (const role of roles) {
      const offered = navigationFor(role).some((entry) => brandPages.includes(entry.path));
      expect(offered).toBe(itemRoles.includes(role));
    }
  });

  it("refuses the service role at the sign-in: it has no console pages", () => {
    expect(navigationFor("service")).toEqual([]);
    expect(consoleRefusal("service")).toBe("The service role has no console pages.");
    expect(homeOf("service")).toBe("/sign-in");
    expect(consoleRefusal("brand")).toBeUndefined();
  });
});
