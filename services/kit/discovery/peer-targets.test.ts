import { describe, expect, it } from "vitest";
import { isSingleAddress, parsePeerTargets } from "./peer-targets.js";

describe("parsePeerTargets", () => {
  it("reads one URL or a comma-separated list, dropping blanks and trailing slashes", () => {
    const targets = parsePeerTargets(" http://10.0.0.5:8080/, http://inventory:8080 ,,https://[::1] ");
    expect(targets.map((t) => [t.baseUrl, t.protocol, t.hostname, t.port, t.address])).toEqual([
      ["http://10.0.0.5:8080", "http:", "10.0.0.5", 8080, "10.0.0.5"],
      ["http://inventory:8080", "http:", "inventory", 8080, undefined],
      ["https://[::1]", "https:", "::1", 443, "::1"],
    ]);
  });

  it("refuses an empty list, a non-URL and other schemes, naming the item", () => {
    expect(() => parsePeerTargets(" , ")).toThrow("no URL given");
    expect(() => parsePeerTargets("http://a:1,inventory:8080")).toThrow('"inventory:8080" is not an http or https URL');
    expect(() => parsePeerTargets("nats://a:4222")).toThrow("is not an http or https URL");
    expect(() => parsePeerTargets("http://")).toThrow("is not a URL");
  });

  it("keeps the plain transport only for one URL with an IP address", () => {
    expect(isSingleAddress(parsePeerTargets("http://127.0.0.1:8080"))).toBe(true);
    expect(isSingleAddress(parsePeerTargets("http://inventory:8080"))).toBe(false);
    expect(isSingleAddress(parsePeerTargets("http://127.0.0.1:8080,http://127.0.0.1:8081"))).toBe(false);
  });
});
