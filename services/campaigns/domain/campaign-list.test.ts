import { describe, expect, it } from "vitest";
import { campaignListScope, campaignSort } from "./campaign-list.js";

describe("campaignSort", () => {
  it("defaults to ascending names and newest, largest, latest first otherwise", () => {
    expect(campaignSort("name", undefined).descending).toBe(false);
    expect(campaignSort("created", undefined).descending).toBe(true);
    expect(campaignSort("budget", undefined).descending).toBe(true);
    expect(campaignSort("start", "ascending").descending).toBe(false);
    expect(campaignSort("name", "descending").descending).toBe(true);
  });
});

describe("campaignListScope", () => {
  const filter = { brandId: "acme", query: "sale", statuses: ["active", "paused"] as const, platform: "" };
  const sort = campaignSort("name", undefined);

  it("is the same for the same query, whatever the order of statuses, and differs otherwise", () => {
    const scope = campaignListScope(filter, sort);
    expect(campaignListScope({ ...filter, statuses: ["paused", "active"] }, sort)).toBe(scope);
    const others = [
      campaignListScope({ ...filter, brandId: undefined }, sort),
      campaignListScope({ ...filter, query: "sales" }, sort),
      campaignListScope({ ...filter, statuses: ["active"] }, sort),
      campaignListScope({ ...filter, platform: "megaphone" }, sort),
      campaignListScope(filter, campaignSort("budget", "ascending")),
      campaignListScope(filter, campaignSort("name", "descending")),
    ];
    expect(new Set([scope, ...others]).size).toBe(7);
  });
});
