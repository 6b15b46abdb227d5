import { describe, expect, it } from "vitest";
import { campaignIdFor } from "./campaign-id.js";

describe("campaignIdFor", () => {
  it("is a stable version-8 UUID per brand and key", () => {
    const id = campaignIdFor("acme", "launch");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(campaignIdFor("acme", "launch")).toBe(id);
    expect(new Set([id, campaignIdFor("acme", "launch-2"), campaignIdFor("globex", "launch")]).size).toBe(3);
  });
});
